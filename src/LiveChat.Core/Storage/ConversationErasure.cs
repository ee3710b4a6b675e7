using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <summary>
/// What an <see cref="IConversationEraser"/> keeps and removes, in one place, so that every store erases the same way
/// (feature X9). Thread-safe.
/// </summary>
public static class ConversationErasure
{
    /// <summary>The text that replaces erased messages and names.</summary>
    public const string ErasedText = "[erased]";

    /// <summary>
    /// The conversation without the visitor's name and the details panel's personal fields, one version newer, so that a
    /// writer holding the old snapshot retries on the erased one instead of restoring it.
    /// </summary>
    public static Conversation Erase(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return conversation with
        {
            Version = conversation.Version + 1,
            VisitorName = ErasedText,
            Participants = [.. conversation.Participants.Select(p => p.Kind == SenderKind.Visitor ? p with { DisplayName = ErasedText } : p)],
            Details = conversation.Details with { PersonName = null, OrganizationName = null, Notes = [] },
        };
    }

    /// <summary>The message without its text, and without the sender's name when the visitor wrote it; numbering and times stay.</summary>
    public static ChatMessage Erase(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with
        {
            Text = ErasedText,
            Sender = message.Sender.Kind == SenderKind.Visitor ? message.Sender with { DisplayName = ErasedText } : message.Sender,
        };
    }
}
