namespace LiveChat.Core.Agents;

/// <summary>An agent of a workspace. Immutable snapshot; thread-safe.</summary>
public sealed record Agent
{
    /// <summary>The workspace.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The agent's id (the host's user id).</summary>
    public required AgentId Id { get; init; }

    /// <summary>The name visitors see once the agent joins a conversation.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The most conversations the agent may own at once, across the whole workspace.</summary>
    public required int MaxConcurrentConversations { get; init; }

    /// <summary>The agent's chosen availability.</summary>
    public AgentStatus Status { get; init; }

    /// <summary>When <see cref="Status"/> last changed.</summary>
    public DateTimeOffset StatusChangedAt { get; init; }

    /// <summary>How many conversations the agent owns now. Maintained by the store as conversations are assigned and end.</summary>
    public int OpenConversations { get; init; }

    /// <summary>Whether the agent can take one more conversation now: online with free capacity (feature R2).</summary>
    public bool IsAvailable => Status == AgentStatus.Online && OpenConversations < MaxConcurrentConversations;
}
