using LiveChat.Core.Agents;

namespace LiveChat.Core.Conversations;

/// <summary>The author of a message.</summary>
/// <param name="Kind">Visitor, bot, agent or system.</param>
/// <param name="DisplayName">The name shown next to the message.</param>
/// <param name="AgentId">The agent's id, when <paramref name="Kind"/> is <see cref="SenderKind.Agent"/>.</param>
public readonly record struct MessageSender(SenderKind Kind, string DisplayName, AgentId? AgentId = null);
