using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Transport;

/// <summary>
/// A notification for one agent (feature N1), published through the transport port like every event. Forward it to that
/// agent's connections only.
/// </summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="AgentId">The agent to notify.</param>
/// <param name="Kind">What happened.</param>
/// <param name="OccurredAt">When.</param>
public sealed record AgentNotification(WorkspaceId Workspace, ConversationId ConversationId, AgentId AgentId, AgentNotificationKind Kind, DateTimeOffset OccurredAt)
    : LiveChatEvent(Workspace, ConversationId, OccurredAt)
{
    /// <summary>The offer, for <see cref="AgentNotificationKind.Offered"/> and <see cref="AgentNotificationKind.OfferWithdrawn"/>.</summary>
    public RoutingOffer? Offer { get; init; }

    /// <summary>The new message's sequence number, for <see cref="AgentNotificationKind.NewMessage"/>.</summary>
    public long? MessageSequence { get; init; }
}
