using LiveChat.Core.Conversations;

namespace LiveChat.Core.Transport;

/// <summary>A visitor started a conversation.</summary>
/// <param name="Conversation">The new conversation.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ConversationStarted(Conversation Conversation, DateTimeOffset OccurredAt)
    : LiveChatEvent(Conversation.Workspace, Conversation.Id, OccurredAt);
