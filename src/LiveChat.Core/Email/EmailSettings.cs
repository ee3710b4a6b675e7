using System.Collections.Immutable;

namespace LiveChat.Core.Email;

/// <summary>
/// One workspace's e-mail settings (features E2, E4, E5), set with <c>engine.Email.Configure</c>. Immutable.
/// </summary>
public sealed record EmailSettings
{
    /// <summary>The workspace's admin address, the sender of every e-mail; <see langword="null"/> uses <see cref="EmailOptions.DefaultSenderAddress"/>.</summary>
    public EmailAddress? Sender { get; init; }

    /// <summary>
    /// The name shown in e-mails, such as the company's, used exactly as given: 1 to 200 characters with no control
    /// character (it may go into a header), else <see cref="EmailService.Configure"/> refuses it; <see langword="null"/>
    /// uses the sender's display name.
    /// </summary>
    public string? WorkspaceName { get; init; }

    /// <summary>The language of channels not listed in <see cref="ChannelLanguages"/>; <see langword="null"/> uses <see cref="EmailOptions.DefaultLanguage"/>.</summary>
    public string? DefaultLanguage { get; init; }

    /// <summary>The e-mail language of each channel, such as <c>webchat-fr → fr</c> (feature E5).</summary>
    public ImmutableDictionary<string, string> ChannelLanguages { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// The workspace's time zone, an IANA id such as <c>Europe/Paris</c> (or a Windows id), in which e-mails and the
    /// transcript copied to the CRM show times, with the offset of each moment, so daylight saving changes are right
    /// (features E2, C9). <see langword="null"/>: UTC.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>The time zone of each channel whose visitors live elsewhere than the workspace, such as <c>webchat-cz → Europe/Prague</c>.</summary>
    public ImmutableDictionary<string, string> ChannelTimeZones { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// The link back to the conversation in reply e-mails (feature E4), an absolute http or https URL in which
    /// <c>{conversation}</c> becomes the conversation id and <c>{number}</c> its number, such as
    /// <c>https://example.com/chat/{conversation}</c>. <see langword="null"/>: the e-mails carry no link.
    /// </summary>
    public string? ConversationLinkTemplate { get; init; }
}
