using LiveChat.Core.Conversations;

namespace LiveChat.Core.Transport;

/// <summary>
/// Something that happened to a conversation, published after it was stored (feature N2). Hosts forward events to
/// their real-time transport (SignalR, push, webhooks…). Immutable.
/// </summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="OccurredAt">When it happened.</param>
public abstract record LiveChatEvent(WorkspaceId Workspace, ConversationId ConversationId, DateTimeOffset OccurredAt);
