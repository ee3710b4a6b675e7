using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>The conversation's lifecycle does not allow the requested move from its current state (feature C1).</summary>
public class InvalidConversationTransitionException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public InvalidConversationTransitionException(ConversationState state, ConversationTrigger trigger)
        : this(state, trigger, $"A conversation in state {state} does not allow {trigger}.")
    {
    }

    /// <summary>Creates the exception with a specific message.</summary>
    protected InvalidConversationTransitionException(ConversationState state, ConversationTrigger? trigger, string message)
        : base(message)
    {
        State = state;
        Trigger = trigger;
    }

    /// <summary>The state the conversation is in, unchanged.</summary>
    public ConversationState State { get; }

    /// <summary>The refused trigger, or <see langword="null"/> when the refused action was not a lifecycle move (posting a message).</summary>
    public ConversationTrigger? Trigger { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Conflict;
}
