using LiveChat.Core.Conversations;

namespace LiveChat.Core.Email;

/// <summary>
/// The embedded default <see cref="IEmailStore"/>: the outbox and the recipients in memory, lost when the process ends.
/// Thread-safe; one small lock, never held while awaiting.
/// </summary>
public sealed class InMemoryEmailStore : IEmailStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EmailDelivery> _deliveries = new(StringComparer.Ordinal);

    // Only unfinished entries are scanned for due work, so a long history of sent e-mails costs nothing per pass.
    private readonly Dictionary<string, EmailDelivery> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<(WorkspaceId, ConversationId), EmailRecipient> _recipients = [];

    /// <inheritdoc />
    public ValueTask<EmailDelivery> EnqueueAsync(EmailDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentOutOfRangeException.ThrowIfNotEqual(delivery.Version, 1L, nameof(delivery));
        lock (_gate)
        {
            if (_deliveries.TryGetValue(delivery.Id, out var existing))
            {
                return ValueTask.FromResult(existing);
            }

            _deliveries.Add(delivery.Id, delivery);
            Track(delivery);
            return ValueTask.FromResult(delivery);
        }
    }

    /// <inheritdoc />
    public ValueTask<EmailDelivery?> FindDeliveryAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            return ValueTask.FromResult(_deliveries.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EmailDelivery>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_gate)
        {
            IReadOnlyList<EmailDelivery> due = [.. _open.Values.Where(d => d.NextAttemptAt <= now).OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id, StringComparer.Ordinal).Take(limit)];
            return ValueTask.FromResult(due);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryUpdateDeliveryAsync(EmailDelivery updated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        lock (_gate)
        {
            if (!_deliveries.TryGetValue(updated.Id, out var stored) || stored.Version != updated.Version - 1)
            {
                return ValueTask.FromResult(false);
            }

            _deliveries[updated.Id] = updated;
            Track(updated);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<EmailRecipient?> FindRecipientAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_recipients.GetValueOrDefault((workspace, conversationId)));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TrySaveRecipientAsync(EmailRecipient recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        lock (_gate)
        {
            var key = (recipient.Workspace, recipient.ConversationId);
            var storedVersion = _recipients.TryGetValue(key, out var stored) ? stored.Version : 0;
            if (storedVersion != recipient.Version - 1)
            {
                return ValueTask.FromResult(false);
            }

            _recipients[key] = recipient;
            return ValueTask.FromResult(true);
        }
    }

    private void Track(EmailDelivery delivery)
    {
        if (delivery.Status is EmailDeliveryStatus.Pending or EmailDeliveryStatus.Sending)
        {
            _open[delivery.Id] = delivery;
        }
        else
        {
            _open.Remove(delivery.Id);
        }
    }
}
