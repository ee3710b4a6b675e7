namespace LiveChat.Core.Playbooks;

/// <summary>
/// Files the visitor as a lead in the CRM through the CRM port, with their name, e-mail and phone. When the contact
/// already has a CRM record (for example from the contact form) no second lead is made.
/// </summary>
public sealed record CreateLeadAction : FollowUpAction
{
    /// <summary>The CRM distribution group whose members take new leads in turn; the CRM's default when <see langword="null"/>.</summary>
    public string? DistributionGroup { get; init; }
}
