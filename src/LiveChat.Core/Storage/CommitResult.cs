using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <summary>What a successful <see cref="IConversationStore.CommitAsync"/> stored.</summary>
/// <param name="Conversation">The stored conversation, with its new version.</param>
/// <param name="Messages">The appended messages, with their sequence numbers.</param>
public sealed record CommitResult(Conversation Conversation, IReadOnlyList<ChatMessage> Messages);
