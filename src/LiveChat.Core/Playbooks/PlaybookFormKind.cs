namespace LiveChat.Core.Playbooks;

/// <summary>A form the host's widget shows when the bot asks for it (feature P7).</summary>
public enum PlaybookFormKind
{
    /// <summary>"Introduce yourself": name, e-mail, phone; submitted with <see cref="Conversations.VisitorService.SubmitContactFormAsync"/>.</summary>
    ContactForm = 0,

    /// <summary>"Send me the transcript by e-mail", offered after the end.</summary>
    TranscriptOffer = 1,
}
