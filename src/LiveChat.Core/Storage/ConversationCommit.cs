using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <summary>One atomic change of a conversation: its new snapshot plus the system messages that announce it.</summary>
/// <param name="Updated">
/// The conversation as it should be. The store sets <see cref="Conversation.Version"/> and
/// <see cref="Conversation.LastSequence"/> itself.
/// </param>
/// <param name="ExpectedVersion">The version the writer read; the commit fails if the stored version differs.</param>
/// <param name="Messages">Messages appended in the same transaction, in order; may be empty.</param>
public sealed record ConversationCommit(Conversation Updated, long ExpectedVersion, IReadOnlyList<MessageDraft> Messages);
