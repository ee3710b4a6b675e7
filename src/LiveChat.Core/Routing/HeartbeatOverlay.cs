using LiveChat.Core.Agents;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Routing;

/// <summary>
/// The agent store as routing reads it (features R1, X7): each agent read carries the later of its stored heartbeat and
/// the one <see cref="IAgentHeartbeats"/> keeps outside the store, so presence held in memory (an agent grain) counts
/// everywhere routing decides (presence, the presence timer, the requeue grace). Writes pass through unchanged.
/// Thread-safe as its parts are.
/// </summary>
internal sealed class HeartbeatOverlay(IAgentStore store, IAgentHeartbeats heartbeats) : IAgentStore
{
    /// <summary>How many heartbeats a listing asks for at once.</summary>
    public const int Concurrency = 64;

    /// <summary>The store routing reads: <paramref name="store"/> itself when every heartbeat is written to it.</summary>
    public static IAgentStore Over(IAgentStore store, IAgentHeartbeats heartbeats)
        => heartbeats is StoreHeartbeats ? store : new HeartbeatOverlay(store, heartbeats);

    /// <inheritdoc />
    public async ValueTask<Agent?> FindAgentAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken = default)
        => await store.FindAgentAsync(workspace, agentId, cancellationToken).ConfigureAwait(false) is { } agent
            ? await WithHeartbeatAsync(agent, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>
    /// The workspace's agents, each with the later heartbeat. The heartbeats are asked for <see cref="Concurrency"/> at a
    /// time, not one after another: loading a workspace's table with thousands of agents (X7: one agent grain each, on
    /// any silo) then costs a few round trips' time, not one per agent. Order as the store lists them.
    /// </summary>
    public async ValueTask<IReadOnlyList<Agent>> ListAgentsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        var agents = await store.ListAgentsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var seen = new Agent[agents.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, seen.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, ct) => seen[i] = await WithHeartbeatAsync(agents[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return seen;
    }

    /// <inheritdoc />
    public ValueTask<Agent> UpsertAgentAsync(WorkspaceId workspace, AgentRegistration registration, DateTimeOffset now, CancellationToken cancellationToken = default)
        => store.UpsertAgentAsync(workspace, registration, now, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Agent> SetAgentStatusAsync(WorkspaceId workspace, AgentId agentId, AgentStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
        => store.SetAgentStatusAsync(workspace, agentId, status, now, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Agent> RecordHeartbeatAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken = default)
        => store.RecordHeartbeatAsync(workspace, agentId, now, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Team> UpsertTeamAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken = default)
        => store.UpsertTeamAsync(workspace, team, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Team>> ListTeamsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => store.ListTeamsAsync(workspace, cancellationToken);

    private async ValueTask<Agent> WithHeartbeatAsync(Agent agent, CancellationToken cancellationToken)
        => await heartbeats.LastSeenAsync(agent.Workspace, agent.Id, cancellationToken).ConfigureAwait(false) is { } seen && (agent.LastSeenAt is not { } stored || seen > stored)
            ? agent with { LastSeenAt = seen }
            : agent;
}
