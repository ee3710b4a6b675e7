namespace LiveChat.Core.Routing;

/// <summary>A live offer (feature R7) and the agent's seat it holds in the table.</summary>
/// <param name="Ordinal">The offered agent's ordinal in the <see cref="RoutingTable"/>.</param>
/// <param name="Token">The offer's fencing token; 0 while the offer is being committed.</param>
internal readonly record struct HeldOffer(int Ordinal, long Token);
