namespace LiveChat.Core.Identity;

/// <summary>What resolving a conversation did (feature I2).</summary>
public enum IdentifyOutcome
{
    /// <summary>The conversation went to a known contact.</summary>
    Matched = 0,

    /// <summary>
    /// Nobody matched: a contact was created, with a lead once the conversation gave an identifier (feature I4). A name
    /// alone files no lead; the first e-mail, phone, user id or channel handle given later finds the client's record or
    /// files the lead then.
    /// </summary>
    Created = 1,

    /// <summary>
    /// Nobody matched in the graph, but a CRM record did: a contact was created for it, without a new lead, and the
    /// record's missing e-mail and phone were filled at once (seed 002).
    /// </summary>
    FoundInCrm = 2,

    /// <summary>Chat tracking is off for the conversation's channel; nothing was changed.</summary>
    TrackingDisabled = 3,
}
