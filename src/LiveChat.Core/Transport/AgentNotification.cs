using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Transport;

/// <summary>
/// A notification for one agent (feature N1), published through the transport port like every event.
/// </summary>
/// <remarks>
/// For <paramref name="AgentId"/> only: a transport must deliver it to that agent's connections and to nobody else,
/// because <see cref="Offer"/> carries the fencing token the agent presents to accept the offer.
/// </remarks>
/// <param name="Workspace">The workspace.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="AgentId">The agent to notify.</param>
/// <param name="Kind">What happened.</param>
/// <param name="OccurredAt">When.</param>
public sealed record AgentNotification(WorkspaceId Workspace, ConversationId ConversationId, AgentId AgentId, AgentNotificationKind Kind, DateTimeOffset OccurredAt)
    : LiveChatEvent(Workspace, ConversationId, OccurredAt)
{
    /// <summary>
    /// The offer, for <see cref="AgentNotificationKind.Offered"/> only, with its fencing token: the one event that carries
    /// it, because the agent it is addressed to needs it to accept. <see langword="null"/> otherwise, also for
    /// <see cref="AgentNotificationKind.OfferWithdrawn"/>: the conversation names the offer withdrawn, one at a time.
    /// </summary>
    public RoutingOffer? Offer { get; init; }

    /// <summary>The new message's sequence number, for <see cref="AgentNotificationKind.NewMessage"/>.</summary>
    public long? MessageSequence { get; init; }
}
