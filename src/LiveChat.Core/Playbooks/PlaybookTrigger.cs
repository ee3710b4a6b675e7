namespace LiveChat.Core.Playbooks;

/// <summary>What moves a conversation from card to card; the triggers of the playbook's state machine.</summary>
internal enum PlaybookTrigger
{
    /// <summary>A card that does not wait is done.</summary>
    Continue,

    /// <summary>The visitor answered (a parameterized trigger carrying the text); guards choose the path.</summary>
    Answer,

    /// <summary>The contact form was submitted.</summary>
    FormSubmitted,

    /// <summary>The contact is known, or the conversation is not new: the contact form or routing question is skipped.</summary>
    Skip,

    /// <summary>Someone is available for the live-chat card's target.</summary>
    AgentAvailable,

    /// <summary>Nobody is available: the offline flow.</summary>
    NoAgentAvailable,
}
