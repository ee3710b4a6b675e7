namespace LiveChat.Email.MailKit;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS when the server offers STARTTLS, plain text otherwise.</summary>
    StartTlsWhenAvailable = 0,

    /// <summary>STARTTLS, required: the send fails when the server does not offer it.</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte, usually on port 465.</summary>
    SslOnConnect = 2,

    /// <summary>Plain text; only for a server on the same machine or a test server.</summary>
    None = 3,
}
