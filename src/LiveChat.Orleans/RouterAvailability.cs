namespace LiveChat.Orleans;

/// <summary>A router grain's answer to an availability question; the caller's side raises the core's exceptions from it.</summary>
internal enum RouterAvailability
{
    /// <summary>Nobody eligible can take a conversation now.</summary>
    NotAvailable,

    /// <summary>Someone eligible is online, present and has room.</summary>
    Available,

    /// <summary>The target's team is not defined.</summary>
    TeamNotFound,

    /// <summary>The target's agent is not registered.</summary>
    AgentNotFound,
}
