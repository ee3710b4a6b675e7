using LiveChat.Core.Conversations;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Email;

/// <summary>
/// An e-mail failed for good: every attempt the outbox allows failed (feature E6). Published like every event, and
/// logged and counted too, so a host can alert someone.
/// </summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="ConversationId">The conversation the e-mail was about.</param>
/// <param name="Delivery">The outbox entry, now <see cref="EmailDeliveryStatus.Failed"/>.</param>
/// <param name="OccurredAt">When the last attempt failed.</param>
public sealed record EmailDeliveryFailed(WorkspaceId Workspace, ConversationId ConversationId, EmailDelivery Delivery, DateTimeOffset OccurredAt)
    : LiveChatEvent(Workspace, ConversationId, OccurredAt);
