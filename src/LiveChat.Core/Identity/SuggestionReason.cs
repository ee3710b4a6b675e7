namespace LiveChat.Core.Identity;

/// <summary>Why two contacts were suggested for a merge instead of merged (feature I6).</summary>
public enum SuggestionReason
{
    /// <summary>The conversation's identifiers matched several contacts.</summary>
    SeveralMatches = 0,

    /// <summary>A weaker identifier named a contact that holds it with a stronger verification.</summary>
    StrongerOwner = 1,

    /// <summary>Two different host-verified user ids.</summary>
    ConflictingVerifiedIds = 2,

    /// <summary>
    /// A self-asserted, commonly shared value (a household phone) or a dormant one (a recycled number) named a contact that
    /// another first name, another personal e-mail or another verified id says is someone else.
    /// </summary>
    ContradictingEvidence = 3,
}
