using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Transport;

/// <summary>
/// A conversation moved in its lifecycle: queued for an agent, sent to the offline flow, assigned or reassigned, or ended.
/// </summary>
/// <remarks>
/// For the workspace's agents: <paramref name="Conversation"/> is the agents' view, and <paramref name="PreviousAgentId"/>
/// names an agent. Forward <see cref="ConversationView.ToVisitorView"/> to the visitor of the conversation, never the
/// event itself.
/// </remarks>
/// <param name="Conversation">The conversation after the change, as its workspace's agents see it: no visitor token hash and no offer token; its <see cref="LiveChat.Core.Conversations.ConversationView.Version"/> is an ordering stamp only.</param>
/// <param name="PreviousState">The state before.</param>
/// <param name="PreviousAgentId">The agent who owned it before, if any; differs from the new owner on a reassignment.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ConversationStateChanged(ConversationView Conversation, ConversationState PreviousState, AgentId? PreviousAgentId, DateTimeOffset OccurredAt)
    : LiveChatEvent(Conversation.Workspace, Conversation.Id, OccurredAt);
