using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>
/// An e-mail was asked for a conversation whose visitor left no e-mail address, and the call gave none (feature E2).
/// Nothing was changed.
/// </summary>
public sealed class NoEmailAddressException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public NoEmailAddressException(ConversationId conversationId)
        : base($"Conversation {conversationId} has no e-mail address for its visitor; ask the visitor for one first.")
        => ConversationId = conversationId;

    /// <summary>The conversation.</summary>
    public ConversationId ConversationId { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Invalid;
}
