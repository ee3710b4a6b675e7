namespace LiveChat.Core.Identity;

/// <summary>What resolving a conversation did (feature I2).</summary>
public enum IdentifyOutcome
{
    /// <summary>The conversation went to a known contact.</summary>
    Matched = 0,

    /// <summary>Nobody matched: a contact and a lead were created (feature I4).</summary>
    Created = 1,

    /// <summary>
    /// Nobody matched in the graph, but a CRM record did: a contact was created for it, without a new lead, and the
    /// record's missing e-mail and phone were filled at once (seed 002).
    /// </summary>
    FoundInCrm = 2,

    /// <summary>Chat tracking is off for the conversation's channel; nothing was changed.</summary>
    TrackingDisabled = 3,
}
