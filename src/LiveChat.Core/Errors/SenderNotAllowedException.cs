using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>
/// The conversation's state does not accept messages from this kind of sender: the bot does not speak once an agent owns
/// the conversation, and nobody writes to an ended one (features C1, C3).
/// </summary>
public sealed class SenderNotAllowedException : InvalidConversationTransitionException
{
    /// <summary>Creates the exception.</summary>
    public SenderNotAllowedException(ConversationId conversationId, ConversationState state, SenderKind sender)
        : base(state, null, $"Conversation {conversationId} is {state}; it does not accept {sender} messages.")
    {
        ConversationId = conversationId;
        Sender = sender;
    }

    /// <summary>The conversation.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The refused sender.</summary>
    public SenderKind Sender { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Forbidden;
}
