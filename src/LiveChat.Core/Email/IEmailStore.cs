using LiveChat.Core.Conversations;

namespace LiveChat.Core.Email;

/// <summary>
/// The durable e-mail outbox and the visitors' e-mail addresses (features E3, E4, E6). The embedded default is
/// <see cref="InMemoryEmailStore"/>; a database adapter implements the same six calls.
/// </summary>
/// <remarks>
/// Every update is a compare-and-set on <c>Version</c>: it succeeds only if the stored version is one less than the
/// given one. That is what lets several dispatchers share one outbox without sending an entry twice. Thread-safe.
/// </remarks>
public interface IEmailStore
{
    /// <summary>Stores a new entry (its <c>Version</c> must be 1), or, when its id is stored already, returns the stored one unchanged.</summary>
    ValueTask<EmailDelivery> EnqueueAsync(EmailDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>The entry with this id, or <see langword="null"/>.</summary>
    ValueTask<EmailDelivery?> FindDeliveryAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> entries that are Pending or Sending with <see cref="EmailDelivery.NextAttemptAt"/>
    /// at or before <paramref name="now"/>, earliest first.
    /// </summary>
    ValueTask<IReadOnlyList<EmailDelivery>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Replaces the entry if the stored one has version <c>updated.Version - 1</c>; <see langword="false"/> if someone else changed it.</summary>
    ValueTask<bool> TryUpdateDeliveryAsync(EmailDelivery updated, CancellationToken cancellationToken = default);

    /// <summary>The address the conversation's visitor left, or <see langword="null"/>.</summary>
    ValueTask<EmailRecipient?> FindRecipientAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the recipient if the stored one has version <c>recipient.Version - 1</c> (version 1 means none is stored);
    /// <see langword="false"/> if someone else changed it.
    /// </summary>
    ValueTask<bool> TrySaveRecipientAsync(EmailRecipient recipient, CancellationToken cancellationToken = default);
}
