namespace LiveChat.Core.Conversations;

/// <summary>What a <see cref="SenderKind.System"/> message reports, so a host can render it in its own words.</summary>
public enum SystemEvent
{
    /// <summary>Not a system message.</summary>
    None = 0,

    /// <summary>An agent joined the conversation (feature C4).</summary>
    AgentJoined = 1,

    /// <summary>The conversation was handed to another agent (feature C6).</summary>
    Reassigned = 2,

    /// <summary>The visitor asked for a human and waits for an agent.</summary>
    Queued = 3,

    /// <summary>Nobody was available; the offline flow took over.</summary>
    WentOffline = 4,

    /// <summary>The conversation ended.</summary>
    Ended = 5,

    /// <summary>The agent went offline or silent and the conversation went back to the queue (feature R6).</summary>
    Requeued = 6,

    /// <summary>The visitor submitted a contact form: name, e-mail, phone; the text lists what they gave (features E1, P7).</summary>
    ContactFormSubmitted = 7,
}
