using LiveChat.Core.Agents;

namespace LiveChat.Core;

/// <summary>The agent already has as many open conversations as they may (feature R3).</summary>
public sealed class AgentCapacityExceededException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public AgentCapacityExceededException(AgentId agentId, int maxConcurrentConversations)
        : base($"Agent '{agentId}' already has {maxConcurrentConversations} open conversations, the most allowed.")
    {
        AgentId = agentId;
        MaxConcurrentConversations = maxConcurrentConversations;
    }

    /// <summary>The agent.</summary>
    public AgentId AgentId { get; }

    /// <summary>The agent's capacity.</summary>
    public int MaxConcurrentConversations { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Conflict;
}
