using LiveChat.Core;
using LiveChat.Core.Agents;

namespace LiveChat.Orleans.Presence;

/// <summary>
/// The cluster's <see cref="IAgentHeartbeats"/> (features R1, W5, X7): each heartbeat goes to the agent's
/// <see cref="IAgentGrain"/>, which keeps it in memory and writes the store only when the agent's presence changes.
/// Every call may run twice (a heartbeat, a read, a write of the last heartbeat), so each goes through
/// <see cref="FrontDoorRetry"/> while a dead silo's grains move. Thread-safe.
/// </summary>
internal sealed class GrainHeartbeats(IGrainFactory grains, FrontDoorRetry retry) : IAgentHeartbeats
{
    /// <inheritdoc />
    public async ValueTask<HeartbeatRecorded> RecordAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (agent, becamePresent) = await retry.RunAsync(() => Agent(workspace, agentId).BeatAsync(now).WaitAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        return agent is null ? throw new AgentNotFoundException(workspace, agentId) : new HeartbeatRecorded(agent, becamePresent);
    }

    /// <inheritdoc />
    public async ValueTask<DateTimeOffset?> LastSeenAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken)
        => await retry.RunAsync(() => Agent(workspace, agentId).LastSeenAsync().WaitAsync(cancellationToken), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask PersistAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken)
        => await retry.RunAsync(() => Agent(workspace, agentId).PersistAsync().WaitAsync(cancellationToken), cancellationToken).ConfigureAwait(false);

    private IAgentGrain Agent(WorkspaceId workspace, AgentId agentId) => grains.GetGrain<IAgentGrain>(AgentGrain.KeyOf(workspace, agentId));
}
