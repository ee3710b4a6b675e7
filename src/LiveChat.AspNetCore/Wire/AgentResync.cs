namespace LiveChat.AspNetCore.Wire;

/// <summary>Everything an agent client resyncs after it reconnects (feature W2). Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="Agent">The agent's own status and load.</param>
/// <param name="Counts">The folder counts.</param>
/// <param name="Unassigned">The first page of the Unassigned folder.</param>
/// <param name="Mine">The first page of the agent's own conversations.</param>
/// <param name="PendingAlerts">Requests waiting for an agent and offers to this agent, to alert again.</param>
public sealed record AgentResync(
    AgentSummary Agent,
    InboxCounts Counts,
    InboxPage Unassigned,
    InboxPage Mine,
    IReadOnlyList<AgentAlert> PendingAlerts);
