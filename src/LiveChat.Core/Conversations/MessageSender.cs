using LiveChat.Core.Agents;

namespace LiveChat.Core.Conversations;

/// <summary>The author of a message.</summary>
/// <param name="Kind">Visitor, bot, agent or system.</param>
/// <param name="DisplayName">The name shown next to the message.</param>
/// <param name="AgentId">The agent's id, when <paramref name="Kind"/> is <see cref="SenderKind.Agent"/>.</param>
public readonly record struct MessageSender(SenderKind Kind, string DisplayName, AgentId? AgentId = null)
{
    /// <summary>
    /// Whether both are the same author: the same kind and, for agents, the same agent. Display names are not compared,
    /// because they change (a visitor introduces themselves, an agent is renamed) while the author stays the same.
    /// Stores use this to decide whether a reused client message id is a retry.
    /// </summary>
    public bool IsSameAuthorAs(MessageSender other) => Kind == other.Kind && AgentId == other.AgentId;
}
