namespace LiveChat.Core.Conversations;

/// <summary>What happened when a visitor asked for a human.</summary>
public enum HandoffOutcome
{
    /// <summary>An agent owns the conversation now.</summary>
    Assigned = 0,

    /// <summary>The conversation waits in the Unassigned folder: for an agent to claim it, or for routing to find one.</summary>
    Queued = 1,

    /// <summary>Nobody was online with free capacity; the offline flow takes over (feature R2).</summary>
    Offline = 2,

    /// <summary>The conversation is offered to an agent and waits for their accept (feature R7).</summary>
    Offered = 3,
}
