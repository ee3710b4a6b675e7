namespace LiveChat.Core.Email;

/// <summary>
/// The port that sends one e-mail (feature E6). The SDK calls it only from the outbox dispatcher, which retries and
/// never sends one outbox entry twice at once. The embedded default, <see cref="InMemoryEmailTransport"/>, only records;
/// the <c>LiveChat.Email.MailKit</c> package sends over SMTP.
/// </summary>
/// <remarks>Implementations must be thread-safe.</remarks>
public interface IEmailTransport
{
    /// <summary>Sends <paramref name="message"/>; throws when it was not accepted, so that the outbox retries.</summary>
    /// <param name="message">The e-mail.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
