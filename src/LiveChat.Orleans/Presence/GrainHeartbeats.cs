using LiveChat.Core;
using LiveChat.Core.Agents;
using Microsoft.Extensions.Logging;

namespace LiveChat.Orleans.Presence;

/// <summary>
/// The cluster's <see cref="IAgentHeartbeats"/> (features R1, W5, X7): each heartbeat goes to the agent's
/// <see cref="IAgentGrain"/>, which keeps it in memory and writes the store only when the agent's presence changes.
/// Every call may run twice (a heartbeat, a read, a write of the last heartbeat), so each goes through
/// <see cref="FrontDoorRetry"/> while a dead silo's grains move; the read (<see cref="LastSeenAsync"/>) for at most
/// <see cref="LastSeenWait"/> in all. Thread-safe.
/// </summary>
internal sealed class GrainHeartbeats(IGrainFactory grains, FrontDoorRetry retry, ILogger<GrainHeartbeats> logger) : IAgentHeartbeats
{
    /// <summary>
    /// How long routing waits for an agent grain's heartbeat, retries of a rejected call included, before it reads the
    /// store's alone: 5 s, well inside Orleans' 30 s response timeout.
    /// </summary>
    /// <remarks>
    /// The router grain asks while it loads its table, in its own turn. After a silo's death an agent grain it held may
    /// take up to Orleans' placement timeout (30 s) to be found again; waiting for it held the router, and every routing
    /// call of the workspace timed out behind it (the SIGKILL test's stalls). A grain that does not answer in time is
    /// read as holding nothing newer than the store, which is what its new activation holds after a silo's death. If it
    /// was only slow, the router asks again before it acts on an absence (its presence timer and the requeue grace read
    /// the agent once more), so only a grain that stays unreachable through those reads makes the agent absent.
    /// </remarks>
    public static readonly TimeSpan LastSeenWait = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async ValueTask<HeartbeatRecorded> RecordAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (agent, becamePresent) = await retry.RunAsync(() => Agent(workspace, agentId).BeatAsync(now).WaitAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        return agent is null ? throw new AgentNotFoundException(workspace, agentId) : new HeartbeatRecorded(agent, becamePresent);
    }

    /// <inheritdoc />
    public async ValueTask<DateTimeOffset?> LastSeenAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(LastSeenWait);
        try
        {
            return await retry.RunAsync(() => Agent(workspace, agentId).LastSeenAsync().WaitAsync(wait.Token), wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is OperationCanceledException or ClusterUnavailableException)
        {
            Log.HeartbeatNotRead(logger, e, agentId.Value, LastSeenWait);
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask PersistAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken)
        => await retry.RunAsync(() => Agent(workspace, agentId).PersistAsync().WaitAsync(cancellationToken), cancellationToken).ConfigureAwait(false);

    private IAgentGrain Agent(WorkspaceId workspace, AgentId agentId) => grains.GetGrain<IAgentGrain>(AgentGrain.KeyOf(workspace, agentId));
}
