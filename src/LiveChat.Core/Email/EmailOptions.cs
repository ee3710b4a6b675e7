namespace LiveChat.Core.Email;

/// <summary>E-mail settings shared by every workspace (features E2–E6); part of <see cref="LiveChatOptions"/>, validated at start.</summary>
public sealed class EmailOptions
{
    /// <summary>The sender of workspaces that set none of their own; <see langword="null"/> (the default) means every workspace must set one.</summary>
    public string? DefaultSenderAddress { get; set; }

    /// <summary>The display name of <see cref="DefaultSenderAddress"/>. Default none.</summary>
    public string? DefaultSenderName { get; set; }

    /// <summary>The language of workspaces and channels that set none: en, fr, cs, de or es. Default "en".</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>How many attempts an e-mail gets before it is Failed. Default 8; from 1 to 100.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before the first retry; each later one waits twice as long. Default 30 s; at least 1 s.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts. Default 1 hour; at least <see cref="InitialRetryDelay"/>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a claimed entry may stay Sending before another dispatcher takes it over, as after a crash. Default 5 minutes;
    /// at least 1 s. Keep it longer than the transport's own timeout.
    /// </summary>
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long agent replies stay unread before they are e-mailed, and so the batch window (feature E4). Default 1 minute; at least 1 s.</summary>
    public TimeSpan UnreadDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many replies one unread-message e-mail shows; older ones are counted, not shown. Default 20; from 1 to 500.</summary>
    public int MaxRepliesPerEmail { get; set; } = 20;
}
