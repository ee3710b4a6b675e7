using LiveChat.Core.Conversations;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Email;

/// <summary>
/// An e-mail failed for good: every attempt the outbox allows failed (feature E6). Published like every event, and
/// logged and counted too, so a host can alert someone.
/// </summary>
/// <remarks>For the workspace's agents and operators only: it names the visitor's address and the transport's error.</remarks>
/// <param name="Workspace">The workspace.</param>
/// <param name="ConversationId">The conversation the e-mail was about.</param>
/// <param name="Email">The e-mail that failed, without the outbox's version or its body.</param>
/// <param name="OccurredAt">When the last attempt failed.</param>
public sealed record EmailDeliveryFailed(WorkspaceId Workspace, ConversationId ConversationId, FailedEmail Email, DateTimeOffset OccurredAt)
    : LiveChatEvent(Workspace, ConversationId, OccurredAt);
