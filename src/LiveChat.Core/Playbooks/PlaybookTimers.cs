namespace LiveChat.Core.Playbooks;

/// <summary>
/// The timed cards of a playbook (feature P7), driven by the engine's <see cref="TimeProvider"/>. Immutable. A timer turned
/// off is written to JSON as <c>null</c>, so that reading it back (from a store after a restart) keeps it off rather
/// than falling back to the 5 s default.
/// </summary>
public sealed record PlaybookTimers
{
    /// <summary>
    /// How long after the greeting the "introduce yourself" contact form appears; <see langword="null"/> turns it off.
    /// Default 5 s. It is skipped when the contact is already known, and cancelled when the conversation leaves the bot
    /// (an agent's request is queued, or an agent joins), the contact becomes known, or it ends. A request made while
    /// nobody is available (the offline flow, feature R2) keeps it: the visitor is still asked who they are.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public TimeSpan? ContactFormAfterGreeting { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after the end of the conversation the "send me the transcript" form is offered; <see langword="null"/>
    /// turns it off. Default 5 s.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public TimeSpan? TranscriptOfferAfterEnd { get; init; } = TimeSpan.FromSeconds(5);
}
