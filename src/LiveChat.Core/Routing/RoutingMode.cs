namespace LiveChat.Core.Routing;

/// <summary>How a queued request reaches an agent (features R5, R7).</summary>
public enum RoutingMode
{
    /// <summary>The strategy picks an agent and the conversation is assigned to them at once.</summary>
    Assign = 0,

    /// <summary>
    /// The strategy picks an agent and the conversation is offered to them under a lease of
    /// <see cref="RoutingOptions.OfferTimeout"/>; unaccepted, it moves to the next agent (feature R7).
    /// </summary>
    Offer = 1,

    /// <summary>
    /// Every eligible agent is alerted and the request stays pending until one accepts by claiming it; the first claim
    /// wins and the alert is withdrawn from the others (feature R5).
    /// </summary>
    Alert = 2,
}
