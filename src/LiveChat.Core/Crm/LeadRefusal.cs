namespace LiveChat.Core.Crm;

/// <summary>Why a lead cannot be created from a conversation (seed 001, feature C7).</summary>
public enum LeadRefusal
{
    /// <summary>Nothing stands in the way: a lead can be created.</summary>
    None = 0,

    /// <summary>The client is already in the CRM (<see cref="LeadEligibility.MatchingRecord"/>): notify its owner instead.</summary>
    RecordMatches = 1,

    /// <summary>The client gave no e-mail address during the chat.</summary>
    NoEmail = 2,
}
