namespace LiveChat.Core.Agents;

/// <summary>The availability an agent chose (feature R1).</summary>
public enum AgentStatus
{
    /// <summary>Not working; also how an invisible agent appears. Takes no conversations.</summary>
    Offline = 0,

    /// <summary>Working and taking conversations, up to their capacity.</summary>
    Online = 1,

    /// <summary>Signed in but not taking new conversations.</summary>
    Away = 2,
}
