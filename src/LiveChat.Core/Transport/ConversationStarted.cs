using LiveChat.Core.Conversations;

namespace LiveChat.Core.Transport;

/// <summary>A visitor started a conversation.</summary>
/// <remarks>
/// For the workspace's agents: <paramref name="Conversation"/> is the agents' view. Forward
/// <see cref="ConversationView.ToVisitorView"/> to the visitor of the conversation, never the event itself.
/// </remarks>
/// <param name="Conversation">The new conversation, as its workspace's agents see it: no visitor token hash and no offer token; its <see cref="LiveChat.Core.Conversations.ConversationView.Version"/> is an ordering stamp only.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ConversationStarted(ConversationView Conversation, DateTimeOffset OccurredAt)
    : LiveChatEvent(Conversation.Workspace, Conversation.Id, OccurredAt);
