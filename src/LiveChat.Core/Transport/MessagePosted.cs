using LiveChat.Core.Conversations;

namespace LiveChat.Core.Transport;

/// <summary>A message was stored in a conversation.</summary>
/// <remarks>
/// For the workspace's agents and for the visitor of the conversation alike: every message of a conversation is part of
/// the visitor's transcript (<see cref="VisitorService.GetMessagesAsync"/>), and a message carries no secret.
/// </remarks>
/// <param name="Workspace">The workspace.</param>
/// <param name="Message">The stored message.</param>
/// <param name="OccurredAt">When.</param>
public sealed record MessagePosted(WorkspaceId Workspace, ChatMessage Message, DateTimeOffset OccurredAt)
    : LiveChatEvent(Workspace, Message.ConversationId, OccurredAt);
