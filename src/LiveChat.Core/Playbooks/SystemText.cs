namespace LiveChat.Core.Playbooks;

/// <summary>The bot's built-in texts, localized by <see cref="PlaybookTextCatalog"/> (feature P2).</summary>
public enum SystemText
{
    /// <summary>The routing question: "Are you already a customer?".</summary>
    RoutingQuestion = 0,

    /// <summary>The routing question's yes answer: "Yes, I'm a customer".</summary>
    RoutingYes = 1,

    /// <summary>The routing question's no answer: "No, not yet".</summary>
    RoutingNo = 2,

    /// <summary>The "introduce yourself" contact form invitation.</summary>
    ContactFormInvitation = 3,

    /// <summary>Thanks once the contact form is submitted.</summary>
    ContactFormThanks = 4,

    /// <summary>The transcript-by-e-mail offer after the end.</summary>
    TranscriptOffer = 5,

    /// <summary>A reply that is none of the offered answers.</summary>
    PickAnOption = 6,

    /// <summary>A reply that is not an e-mail address.</summary>
    InvalidEmail = 7,

    /// <summary>A reply that is not a phone number.</summary>
    InvalidPhone = 8,

    /// <summary>A reply that is not a number.</summary>
    InvalidNumber = 9,

    /// <summary>A reply typed while the bot waits for the contact form.</summary>
    PleaseUseTheForm = 10,

    /// <summary>The live-chat card found someone: "Connecting you with an agent".</summary>
    ConnectingToAgent = 11,

    /// <summary>Nobody is available: the offline flow starts.</summary>
    NobodyAvailable = 12,

    /// <summary>Redirect to an e-mail address; <c>{0}</c> is the address.</summary>
    RedirectEmail = 13,

    /// <summary>Redirect to a web page; <c>{0}</c> is the URL.</summary>
    RedirectUrl = 14,

    /// <summary>Redirect to a phone number; <c>{0}</c> is the number.</summary>
    RedirectPhone = 15,
}
