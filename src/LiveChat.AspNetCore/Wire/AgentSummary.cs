namespace LiveChat.AspNetCore.Wire;

/// <summary>An agent's status and load (features R1, W5). Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="AgentId">The agent's id.</param>
/// <param name="DisplayName">The agent's name.</param>
/// <param name="Status"><c>Online</c>, <c>Away</c> or <c>Offline</c>, as the agent chose.</param>
/// <param name="Present">Whether the agent counts as present: a heartbeat within the presence timeout. Connections keep it fresh.</param>
/// <param name="OpenConversations">How many conversations they own.</param>
/// <param name="MaxConcurrentConversations">Their capacity.</param>
public sealed record AgentSummary(
    string AgentId,
    string DisplayName,
    string Status,
    bool Present,
    int OpenConversations,
    int MaxConcurrentConversations);
