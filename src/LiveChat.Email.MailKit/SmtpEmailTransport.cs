using System.Text;
using global::MailKit.Net.Smtp;
using global::MailKit.Security;
using LiveChat.Core.Email;
using MimeKit;

namespace LiveChat.Email.MailKit;

/// <summary>
/// Sends e-mails over SMTP with MailKit (feature E6). Each send opens its own connection, so a server restart or a
/// dropped connection affects one attempt only, and the outbox retries it. Thread-safe.
/// </summary>
/// <remarks>
/// Every e-mail is multipart/alternative with a plain text and an HTML part. Names, the subject and extra header values
/// are cut to one line before MimeKit encodes them, so no value can start a header of its own.
/// </remarks>
public sealed class SmtpEmailTransport : IEmailTransport
{
    private readonly SmtpOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the transport.</summary>
    /// <param name="options">The server; validated by <see cref="SmtpOptionsValidator"/>.</param>
    /// <param name="time">The clock that dates the e-mails.</param>
    public SmtpEmailTransport(SmtpOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mime = ToMime(message, _time.GetUtcNow());
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(_options.Host.Trim(), _options.Port, Secure(_options.Security), cancellationToken).ConfigureAwait(false);
        if (_options.UserName is { } user)
        {
            await client.AuthenticateAsync(user, _options.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The MIME form of <paramref name="message"/>: what goes over the wire.</summary>
    internal static MimeMessage ToMime(EmailMessage message, DateTimeOffset date)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = OneLine(message.Subject),
            Date = date,
        };
        mime.From.Add(Mailbox(message.From));
        mime.To.Add(Mailbox(message.To));
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, OneLine(value));
        }

        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    private static MailboxAddress Mailbox(EmailAddress address)
        => new(EmailAddress.CleanDisplayName(address.DisplayName) ?? string.Empty, address.Address);

    private static string OneLine(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(char.IsControl(c) ? ' ' : c);
        }

        return text.ToString().Trim();
    }

    private static SecureSocketOptions Secure(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
