namespace LiveChat.Core.Email;

/// <summary>
/// The embedded default <see cref="IEmailTransport"/>: it keeps every e-mail it is given, in order, and sends nothing.
/// Hosts and tests read <see cref="Sent"/>. Thread-safe.
/// </summary>
public sealed class InMemoryEmailTransport : IEmailTransport
{
    private readonly Lock _gate = new();
    private readonly List<EmailMessage> _sent = [];

    /// <summary>A copy of every e-mail received so far, in order.</summary>
    public IReadOnlyList<EmailMessage> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _sent.Add(message);
        }

        return ValueTask.CompletedTask;
    }
}
