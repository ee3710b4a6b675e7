using LiveChat.Core.Agents;

namespace LiveChat.Core.Routing;

/// <summary>
/// An offer waiting for its agent's answer (feature R7), as events show it to the workspace's agents: to whom and until
/// when, without the fencing token. Only the agent the offer is addressed to receives the token, in the
/// <see cref="Transport.AgentNotification"/> of kind <see cref="Transport.AgentNotificationKind.Offered"/>. Immutable.
/// </summary>
/// <param name="AgentId">The agent the conversation is offered to.</param>
/// <param name="OfferedAt">When the offer was made.</param>
/// <param name="ExpiresAt">When the lease ends; an accept at or after this instant is refused.</param>
public sealed record PendingOffer(AgentId AgentId, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt)
{
    internal static PendingOffer From(RoutingOffer offer) => new(offer.AgentId, offer.OfferedAt, offer.ExpiresAt);
}
