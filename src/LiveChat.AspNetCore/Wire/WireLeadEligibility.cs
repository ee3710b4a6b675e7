namespace LiveChat.AspNetCore.Wire;

/// <summary>
/// Whether "Create lead" applies to a conversation, and why not (seed 001, feature C7): the SDK's own decision
/// (<c>CrmService.GetLeadEligibilityAsync</c>), so an inbox shows the button only when <c>CreateLead</c> would succeed
/// for that reason. Part of the hub contract: serialized as JSON with camelCase names; immutable.
/// </summary>
/// <param name="CanCreate">Whether a lead can be created.</param>
/// <param name="Refusal"><c>None</c>, <c>RecordMatches</c> (the client is already in the CRM: notify its owner instead) or <c>NoEmail</c> (no e-mail address known yet).</param>
/// <param name="MatchingRecordId">The CRM record that matches the client, for <c>RecordMatches</c>.</param>
public sealed record WireLeadEligibility(bool CanCreate, string Refusal, string? MatchingRecordId);
