namespace LiveChat.Core.Agents;

/// <summary>What <see cref="IAgentHeartbeats.RecordAsync"/> did (features R1, X7). Immutable.</summary>
/// <param name="Agent">The agent, its <see cref="Agent.LastSeenAt"/> at least the recorded heartbeat.</param>
/// <param name="PresenceChanged">
/// Whether routing must hear of the heartbeat: always for heartbeats written to the store; for heartbeats kept in memory,
/// only when the agent was not present before.
/// </param>
public readonly record struct HeartbeatRecorded(Agent Agent, bool PresenceChanged);
