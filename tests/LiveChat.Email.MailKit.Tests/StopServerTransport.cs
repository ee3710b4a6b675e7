using LiveChat.Core.Email;

namespace LiveChat.Email.MailKit.Tests;

/// <summary>Sends through the SMTP transport, and stops the server right after the n-th e-mail it accepted: an outage mid-run.</summary>
public sealed class StopServerTransport(SmtpEmailTransport inner, SmtpTestServer server, int stopAfter) : IEmailTransport
{
    private int _accepted;
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public async ValueTask SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _attempts);
        await inner.SendAsync(message, cancellationToken);
        if (Interlocked.Increment(ref _accepted) == stopAfter)
        {
            server.Stop();
        }
    }
}
