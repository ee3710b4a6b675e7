namespace LiveChat.Core.Routing;

/// <summary>
/// The routing state a conversation carries once the visitor asked for an agent: where it is routed, since when it
/// waits, and the live offer, if any. Stores persist it with the conversation. Immutable.
/// </summary>
/// <param name="Target">Where the request is routed.</param>
/// <param name="QueuedAt">When the conversation first started waiting; a requeued conversation keeps it, so it goes first.</param>
/// <param name="Offer">The live offer, in <see cref="RoutingMode.Offer"/> mode.</param>
/// <param name="PreviousOffer">The last offer that expired, so that its late accept is told so.</param>
public sealed record RoutingTicket(RoutingTarget Target, DateTimeOffset QueuedAt, RoutingOffer? Offer = null, RoutingOffer? PreviousOffer = null);
