namespace LiveChat.Core.Playbooks;

/// <summary>
/// Adds an activity (a note) to the visitor's CRM record (a lead is made first when there is none), followed by the
/// visitor's answers so far.
/// </summary>
public sealed record CreateActivityAction : FollowUpAction
{
    /// <summary>The activity's text, such as "Call back about pricing".</summary>
    public required string Text { get; init; }
}
