namespace LiveChat.Core.Routing;

/// <summary>How requests for an agent are routed (features R2–R8); part of <see cref="LiveChatOptions"/>.</summary>
public sealed class RoutingOptions
{
    /// <summary>The longest lease or grace period accepted.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    /// <summary>How a queued request reaches an agent. Default <see cref="RoutingMode.Assign"/>.</summary>
    public RoutingMode Mode { get; set; } = RoutingMode.Assign;

    /// <summary>
    /// Which agent gets the next request. Default <see cref="RoutingStrategy.RoundRobin"/>, balanced: the least-loaded
    /// available agents take turns; <see cref="RoutingStrategy.StrictRoundRobin"/> keeps the strict rotation.
    /// </summary>
    public RoutingStrategy Strategy { get; set; } = RoutingStrategy.RoundRobin;

    /// <summary>How long an offer waits for the agent's accept in <see cref="RoutingMode.Offer"/> mode. Default 30 s; from 1 s to 1 day.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an agent stays present after their last heartbeat (feature R1). An agent whose presence lapsed receives
    /// no conversation, whatever status they chose. Setting the status to online counts as a heartbeat. Default 60 s;
    /// from 1 s to 1 day, or <see cref="Timeout.InfiniteTimeSpan"/> to route on the chosen status alone.
    /// </summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>What happens to an agent's conversations when they go offline or their presence lapses. Default <see cref="RequeuePolicy.Requeue"/>.</summary>
    public RequeuePolicy RequeuePolicy { get; set; } = RequeuePolicy.Requeue;

    /// <summary>
    /// The grace period before an offline or silent agent's conversations are requeued, so a page reload or a short
    /// network drop keeps them. Default 2 minutes; from zero to 1 day.
    /// </summary>
    public TimeSpan RequeueAfter { get; set; } = TimeSpan.FromMinutes(2);

    internal bool PresenceRequired => PresenceTimeout != Timeout.InfiniteTimeSpan;
}
