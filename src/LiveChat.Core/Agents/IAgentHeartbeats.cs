namespace LiveChat.Core.Agents;

/// <summary>
/// Where agents' heartbeats are kept (features R1, W5, X7). The default writes each heartbeat to the agent store, as a
/// single server needs; a cluster package (<c>UseOrleans</c>) keeps them in memory in one agent grain per agent, fed by
/// the agent's connections on every server, and writes the store only when the agent's presence changes.
/// </summary>
/// <remarks>
/// Routing reads each agent from the store and then asks <see cref="LastSeenAsync"/> for a later heartbeat kept here, so
/// an agent whose heartbeats never reach the store still counts as present. Implementations must be thread-safe.
/// </remarks>
public interface IAgentHeartbeats
{
    /// <summary>Records that the agent's client is alive at <paramref name="now"/>.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="agentId">The agent.</param>
    /// <param name="now">When, from the engine's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent, with this heartbeat, and whether routing must hear of it (the agent's presence may have changed).</returns>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    ValueTask<HeartbeatRecorded> RecordAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The agent's last heartbeat kept outside the store, or <see langword="null"/> when the store has them all.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="agentId">The agent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<DateTimeOffset?> LastSeenAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the agent's last heartbeat kept outside the store to the store, if the store's is older: called before a
    /// commit that makes the agent an owner, since the store checks the owner's heartbeat in that transaction. So a
    /// cluster writes heartbeats when an assignment needs them, never per heartbeat. Nothing to do when the store has them all.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="agentId">The agent about to own a conversation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask PersistAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken);
}
