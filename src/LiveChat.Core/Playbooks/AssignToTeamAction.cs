namespace LiveChat.Core.Playbooks;

/// <summary>
/// Hands the conversation to a team's routing, such as sales for prospects (feature P5). When nobody in the team is
/// available the request waits offline and is routed as soon as someone is.
/// </summary>
public sealed record AssignToTeamAction : FollowUpAction
{
    /// <summary>The team's id.</summary>
    public required string Team { get; init; }
}
