using LiveChat.Core.Storage;

namespace LiveChat.Core.Agents;

/// <summary>The default <see cref="IAgentHeartbeats"/>: every heartbeat is written to the agent store, and routing hears of each. Thread-safe.</summary>
internal sealed class StoreHeartbeats(IAgentStore store) : IAgentHeartbeats
{
    /// <inheritdoc />
    public async ValueTask<HeartbeatRecorded> RecordAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken)
        => new(await store.RecordHeartbeatAsync(workspace, agentId, now, cancellationToken).ConfigureAwait(false), PresenceChanged: true);

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> LastSeenAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken) => ValueTask.FromResult<DateTimeOffset?>(null);

    /// <inheritdoc />
    public ValueTask PersistAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
