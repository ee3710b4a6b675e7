using LiveChat.Core.Conversations;

namespace LiveChat.Core.Transport;

/// <summary>A message was stored in a conversation.</summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="Message">The stored message.</param>
/// <param name="OccurredAt">When.</param>
public sealed record MessagePosted(WorkspaceId Workspace, ChatMessage Message, DateTimeOffset OccurredAt)
    : LiveChatEvent(Workspace, Message.ConversationId, OccurredAt);
