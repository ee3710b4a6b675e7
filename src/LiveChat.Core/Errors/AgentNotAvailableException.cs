using LiveChat.Core.Agents;

namespace LiveChat.Core;

/// <summary>The agent is not online, so a conversation cannot be assigned to them (features C6, R2).</summary>
public sealed class AgentNotAvailableException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public AgentNotAvailableException(AgentId agentId, AgentStatus status)
        : base($"Agent '{agentId}' is {status}; only an online agent can take a conversation.")
    {
        AgentId = agentId;
        Status = status;
    }

    /// <summary>The agent.</summary>
    public AgentId AgentId { get; }

    /// <summary>The agent's status when the assignment was refused.</summary>
    public AgentStatus Status { get; }
}
