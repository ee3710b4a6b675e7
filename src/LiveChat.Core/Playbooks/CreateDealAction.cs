namespace LiveChat.Core.Playbooks;

/// <summary>Creates a deal in the CRM for the visitor's record (a lead is made first when there is none).</summary>
public sealed record CreateDealAction : FollowUpAction
{
    /// <summary>The deal's title.</summary>
    public required string Title { get; init; }

    /// <summary>The CRM distribution group whose members take new deals in turn.</summary>
    public string? DistributionGroup { get; init; }
}
