using LiveChat.Core.Agents;

namespace LiveChat.Core;

/// <summary>The agent is not online, or their presence lapsed, so a conversation cannot be assigned to them (features C6, R1, R2).</summary>
public sealed class AgentNotAvailableException : LiveChatException
{
    /// <summary>Creates the exception for an agent whose chosen status is not online.</summary>
    public AgentNotAvailableException(AgentId agentId, AgentStatus status)
        : base($"Agent '{agentId}' is {status}; only an online agent can take a conversation.")
    {
        AgentId = agentId;
        Status = status;
    }

    /// <summary>Creates the exception for an agent whose presence lapsed: no heartbeat recent enough (feature R1).</summary>
    public AgentNotAvailableException(AgentId agentId, AgentStatus status, DateTimeOffset? lastSeenAt)
        : base(lastSeenAt is { } seen
            ? $"Agent '{agentId}' has sent no heartbeat since {seen:O}; an agent whose presence lapsed cannot take a conversation."
            : $"Agent '{agentId}' has never sent a heartbeat; an agent whose presence lapsed cannot take a conversation.")
    {
        AgentId = agentId;
        Status = status;
        LastSeenAt = lastSeenAt;
        PresenceLapsed = true;
    }

    /// <summary>Whether the agent was refused because their heartbeat lapsed, rather than for their status.</summary>
    public bool PresenceLapsed { get; }

    /// <summary>The agent's last heartbeat, when <see cref="PresenceLapsed"/>.</summary>
    public DateTimeOffset? LastSeenAt { get; }

    /// <summary>The agent.</summary>
    public AgentId AgentId { get; }

    /// <summary>The agent's status when the assignment was refused.</summary>
    public AgentStatus Status { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Conflict;
}
