namespace LiveChat.Core.Routing;

/// <summary>What happens to an agent's open conversations when the agent goes offline or their presence lapses (feature R6).</summary>
public enum RequeuePolicy
{
    /// <summary>
    /// After <see cref="RoutingOptions.RequeueAfter"/>, if the agent is still offline or silent, their open conversations go
    /// back to the queue, oldest first, and are routed again.
    /// </summary>
    Requeue = 0,

    /// <summary>The conversations stay with the agent until they return, end them, or someone reassigns them.</summary>
    Keep = 1,
}
