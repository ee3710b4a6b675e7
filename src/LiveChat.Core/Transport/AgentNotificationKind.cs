namespace LiveChat.Core.Transport;

/// <summary>What an <see cref="AgentNotification"/> tells its agent (feature N1).</summary>
public enum AgentNotificationKind
{
    /// <summary>A new request is pending for a team you are in; claim it to take it (alert mode: the blinking icon).</summary>
    NewRequest = 0,

    /// <summary>A pending request you were alerted to was taken by another agent, or ended: clear the alert.</summary>
    RequestTaken = 1,

    /// <summary>The conversation is offered to you until <see cref="AgentNotification.Offer"/> expires; accept it with its token.</summary>
    Offered = 2,

    /// <summary>The offer to you expired or was withdrawn.</summary>
    OfferWithdrawn = 3,

    /// <summary>The conversation is now yours: you claimed or accepted it, or it was assigned to you.</summary>
    Assigned = 4,

    /// <summary>The conversation was reassigned from another agent to you.</summary>
    ReassignedToYou = 5,

    /// <summary>The conversation was taken from you: reassigned to another agent, or requeued while you were away.</summary>
    ReassignedAway = 6,

    /// <summary>The visitor wrote a new message in your conversation.</summary>
    NewMessage = 7,

    /// <summary>Your conversation ended.</summary>
    Ended = 8,
}
