using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Testing;

/// <summary>An agent store that counts the heartbeats written to the store it wraps. Thread-safe.</summary>
public sealed class CountingAgentStore(IAgentStore inner) : IAgentStore
{
    private int _heartbeatWrites;

    /// <summary>How many heartbeats were written so far.</summary>
    public int HeartbeatWrites => Volatile.Read(ref _heartbeatWrites);

    public ValueTask<Agent> RecordHeartbeatAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _heartbeatWrites);
        return inner.RecordHeartbeatAsync(workspace, agentId, now, cancellationToken);
    }

    public ValueTask<Agent> UpsertAgentAsync(WorkspaceId workspace, AgentRegistration registration, DateTimeOffset now, CancellationToken cancellationToken = default)
        => inner.UpsertAgentAsync(workspace, registration, now, cancellationToken);

    public ValueTask<Agent?> FindAgentAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken = default)
        => inner.FindAgentAsync(workspace, agentId, cancellationToken);

    public ValueTask<IReadOnlyList<Agent>> ListAgentsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => inner.ListAgentsAsync(workspace, cancellationToken);

    public ValueTask<Agent> SetAgentStatusAsync(WorkspaceId workspace, AgentId agentId, AgentStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
        => inner.SetAgentStatusAsync(workspace, agentId, status, now, cancellationToken);

    public ValueTask<Team> UpsertTeamAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken = default)
        => inner.UpsertTeamAsync(workspace, team, cancellationToken);

    public ValueTask<IReadOnlyList<Team>> ListTeamsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => inner.ListTeamsAsync(workspace, cancellationToken);
}
