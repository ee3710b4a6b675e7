namespace LiveChat.Core.Playbooks;

/// <summary>The timed cards of a playbook (feature P7), driven by the engine's <see cref="TimeProvider"/>. Immutable.</summary>
public sealed record PlaybookTimers
{
    /// <summary>
    /// How long after the greeting the "introduce yourself" contact form appears; <see langword="null"/> turns it off.
    /// Default 5 s. It is skipped when the contact is already known, and cancelled when the conversation leaves the bot
    /// (an agent is requested or joins), the contact becomes known, or it ends.
    /// </summary>
    public TimeSpan? ContactFormAfterGreeting { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after the end of the conversation the "send me the transcript" form is offered; <see langword="null"/>
    /// turns it off. Default 5 s.
    /// </summary>
    public TimeSpan? TranscriptOfferAfterEnd { get; init; } = TimeSpan.FromSeconds(5);
}
