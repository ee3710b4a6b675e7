using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>
/// A client message id was reused for a different message. A retry must resend the same text from the same sender;
/// a new message needs a new client message id (feature C3).
/// </summary>
public sealed class IdempotencyConflictException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public IdempotencyConflictException(ConversationId conversationId, string clientMessageId)
        : base($"Client message id '{clientMessageId}' was already used in conversation {conversationId} for a different message.")
    {
        ConversationId = conversationId;
        ClientMessageId = clientMessageId;
    }

    /// <summary>The conversation.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The reused client message id.</summary>
    public string ClientMessageId { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Conflict;
}
