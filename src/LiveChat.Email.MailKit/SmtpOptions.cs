namespace LiveChat.Email.MailKit;

/// <summary>Where and how <see cref="SmtpEmailTransport"/> sends; validated when the host starts.</summary>
public sealed class SmtpOptions
{
    /// <summary>The SMTP server's host name or IP address. Required.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>The server's port. Default 587 (submission); from 1 to 65,535.</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured. Default <see cref="SmtpSecurity.StartTlsWhenAvailable"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTlsWhenAvailable;

    /// <summary>The user name to authenticate with; <see langword="null"/> (the default) sends without authenticating.</summary>
    public string? UserName { get; set; }

    /// <summary>The password of <see cref="UserName"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// How long one connect, authentication or send may take before it fails and the outbox retries it. Default 30 s;
    /// from 1 s to 10 minutes. Keep it shorter than <c>EmailOptions.SendingLease</c>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
