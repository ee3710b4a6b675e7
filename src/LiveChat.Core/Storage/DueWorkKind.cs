namespace LiveChat.Core.Storage;

/// <summary>What a <see cref="DueWork"/> item does when it comes due. Stored by name; never renumber.</summary>
public enum DueWorkKind
{
    /// <summary>An agent's offer lease ends and the conversation moves on (feature R7). Subject: the conversation.</summary>
    OfferExpiry = 1,

    /// <summary>An absent agent's grace period ends and their conversations are requeued (features R1, R6). Subject: the agent.</summary>
    PresenceGrace = 2,

    /// <summary>The window for e-mailing agent replies the visitor has not read ends (features E3, E4). Subject: the conversation.</summary>
    UnreadReplies = 3,

    /// <summary>The timed "introduce yourself" contact form is shown (feature P7). Subject: the conversation.</summary>
    ContactForm = 4,

    /// <summary>The timed transcript offer after the end is shown (feature P7). Subject: the conversation.</summary>
    TranscriptOffer = 5,
}
