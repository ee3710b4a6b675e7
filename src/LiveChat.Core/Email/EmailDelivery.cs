using LiveChat.Core.Conversations;

namespace LiveChat.Core.Email;

/// <summary>
/// One outbox entry: the e-mail and its delivery state (feature E6). Immutable; every change is a new instance with a
/// higher <see cref="Version"/>. Query it with <c>engine.Email.GetDeliveryAsync(id)</c>.
/// </summary>
public sealed record EmailDelivery
{
    /// <summary>The idempotency key: the same e-mail enqueued twice has the same id and is stored once.</summary>
    public required string Id { get; init; }

    /// <summary>The workspace.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The conversation the e-mail is about.</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>Which e-mail it is.</summary>
    public required EmailKind Kind { get; init; }

    /// <summary>The e-mail.</summary>
    public required EmailMessage Message { get; init; }

    /// <summary>Where the entry is.</summary>
    public EmailDeliveryStatus Status { get; init; }

    /// <summary>How many attempts started so far.</summary>
    public int Attempts { get; init; }

    /// <summary>When it was enqueued.</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>When a Pending entry is due, or when a Sending entry's lease runs out.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>When the transport accepted it.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>The last failure's message, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>For reply e-mails, the sequence number of the last message it covers; 0 otherwise.</summary>
    public long CoversUpToSequence { get; init; }

    /// <summary>The optimistic-concurrency version: 1 when enqueued, one more on every change.</summary>
    public long Version { get; init; }
}
