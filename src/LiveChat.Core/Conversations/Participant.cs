using LiveChat.Core.Agents;

namespace LiveChat.Core.Conversations;

/// <summary>Someone who took part in a conversation.</summary>
/// <param name="Kind">Visitor, bot or agent.</param>
/// <param name="DisplayName">The name shown in the conversation.</param>
/// <param name="AgentId">The agent's id, for agents.</param>
/// <param name="JoinedAt">When they joined.</param>
public sealed record Participant(SenderKind Kind, string DisplayName, AgentId? AgentId, DateTimeOffset JoinedAt);
