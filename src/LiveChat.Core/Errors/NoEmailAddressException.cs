using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>
/// An e-mail address was needed for a conversation whose visitor left none, and the call gave none: to e-mail them
/// (feature E2), or to create a lead (seed 001, feature C7). Nothing was changed.
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
