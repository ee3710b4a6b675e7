using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>The conversation has ended; ended is terminal, so it cannot be posted to, reassigned, reopened or ended again.</summary>
public sealed class ConversationEndedException : InvalidConversationTransitionException
{
    /// <summary>Creates the exception.</summary>
    public ConversationEndedException(ConversationId conversationId, ConversationTrigger? trigger)
        : base(ConversationState.Ended, trigger, $"Conversation {conversationId} has ended; it can no longer be changed.")
        => ConversationId = conversationId;

    /// <summary>The ended conversation.</summary>
    public ConversationId ConversationId { get; }
}
