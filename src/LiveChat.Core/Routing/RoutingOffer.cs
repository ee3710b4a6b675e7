using LiveChat.Core.Agents;

namespace LiveChat.Core.Routing;

/// <summary>A conversation offered to one agent under a lease (feature R7). Immutable.</summary>
/// <param name="AgentId">The agent the conversation is offered to.</param>
/// <param name="Token">
/// The fencing token: it grows with every offer of the conversation, and an accept must present the current one, so an
/// accept of an expired or superseded offer is refused.
/// </param>
/// <param name="OfferedAt">When the offer was made.</param>
/// <param name="ExpiresAt">When the lease ends; an accept at or after this instant is refused.</param>
public sealed record RoutingOffer(AgentId AgentId, long Token, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt);
