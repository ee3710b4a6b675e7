namespace LiveChat.Core.Routing;

/// <summary>Who a request for an agent is meant for (feature R4).</summary>
public enum RoutingTargetKind
{
    /// <summary>Any agent of the workspace.</summary>
    Workspace = 0,

    /// <summary>Any agent of one team, else its fallback team.</summary>
    Team = 1,

    /// <summary>One named teammate, else the fallback team when one is given.</summary>
    Agent = 2,
}
