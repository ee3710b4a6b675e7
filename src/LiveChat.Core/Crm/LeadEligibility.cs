namespace LiveChat.Core.Crm;

/// <summary>
/// Whether an agent may create a lead from a conversation, and why not (seed 001, feature C7): "Create lead" is offered
/// only when no CRM record matches the client and an e-mail address is known; otherwise "notify sales" is. Immutable.
/// </summary>
/// <param name="Refusal">What stands in the way; <see cref="LeadRefusal.None"/> when a lead can be created.</param>
/// <param name="MatchingRecord">The record that matches the client, for <see cref="LeadRefusal.RecordMatches"/>.</param>
/// <param name="Email">The client's e-mail address, when known.</param>
public sealed record LeadEligibility(LeadRefusal Refusal, CrmRecord? MatchingRecord, string? Email)
{
    /// <summary>Whether a lead can be created: no record matches and an e-mail address is known.</summary>
    public bool CanCreate => Refusal == LeadRefusal.None;
}
