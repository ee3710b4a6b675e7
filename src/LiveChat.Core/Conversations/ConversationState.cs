namespace LiveChat.Core.Conversations;

/// <summary>Where a conversation is in its lifecycle (feature C1).</summary>
/// <remarks>The allowed moves between states are defined once in <see cref="ConversationLifecycle"/>.</remarks>
public enum ConversationState
{
    /// <summary>The bot (playbook) is talking to the visitor; no human is involved yet.</summary>
    BotFlow = 0,

    /// <summary>The visitor asked for a human and waits in the Unassigned folder.</summary>
    Unassigned = 1,

    /// <summary>One agent owns the conversation.</summary>
    Assigned = 2,

    /// <summary>No agent was available; the offline flow collects the visitor's request. An agent can still claim it later.</summary>
    Offline = 3,

    /// <summary>Terminal: no message, reassignment or reopening. Leads and deals can still be recorded on it.</summary>
    Ended = 4,
}
