using LiveChat.Core.Agents;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Storage;

/// <summary>The storage port for agents and their availability (feature X3).</summary>
/// <remarks>
/// Implementations must be safe to call from many threads. <see cref="Agent.OpenConversations"/> is maintained by
/// <see cref="IConversationStore.CommitAsync"/> of the same store, never by these methods.
/// </remarks>
public interface IAgentStore
{
    /// <summary>
    /// Registers an agent, or updates the name, capacity and teams of a registered one, keeping their status, heartbeat
    /// and load. A new
    /// agent starts <see cref="AgentStatus.Offline"/>. A capacity below the agent's current load is accepted: they keep
    /// their conversations and get no new one until their load drops below it.
    /// </summary>
    ValueTask<Agent> UpsertAgentAsync(WorkspaceId workspace, AgentRegistration registration, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The agent, or <see langword="null"/> when the workspace has no such agent.</summary>
    ValueTask<Agent?> FindAgentAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken = default);

    /// <summary>Every agent of the workspace, in the order they were first registered.</summary>
    ValueTask<IReadOnlyList<Agent>> ListAgentsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets an agent's status; <see cref="Agent.StatusChangedAt"/> moves only when the status really changes. Going
    /// <see cref="AgentStatus.Online"/> also records a heartbeat at <paramref name="now"/>.
    /// </summary>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    ValueTask<Agent> SetAgentStatusAsync(WorkspaceId workspace, AgentId agentId, AgentStatus status, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records a heartbeat: <see cref="Agent.LastSeenAt"/> becomes <paramref name="now"/>, unless it is later already.</summary>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    ValueTask<Agent> RecordHeartbeatAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Defines a team, or renames it or changes its fallback team.</summary>
    ValueTask<Team> UpsertTeamAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken = default);

    /// <summary>Every team of the workspace, in the order they were first defined.</summary>
    ValueTask<IReadOnlyList<Team>> ListTeamsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default);
}
