using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Transport;

/// <summary>
/// A conversation moved in its lifecycle: queued for an agent, sent to the offline flow, assigned or reassigned, or ended.
/// </summary>
/// <param name="Conversation">The conversation after the change.</param>
/// <param name="PreviousState">The state before.</param>
/// <param name="PreviousAgentId">The agent who owned it before, if any; differs from the new owner on a reassignment.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ConversationStateChanged(Conversation Conversation, ConversationState PreviousState, AgentId? PreviousAgentId, DateTimeOffset OccurredAt)
    : LiveChatEvent(Conversation.Workspace, Conversation.Id, OccurredAt);
