namespace LiveChat.Core.Storage;

/// <summary>
/// The store port for privacy requests (feature X9): a store that implements it beside <see cref="IConversationStore"/>
/// lets <c>engine.Identity.EraseAsync</c> remove a contact's message text. The embedded, SQLite and PostgreSQL stores
/// implement it; without it, erasing a contact that has conversations throws <see cref="NotSupportedException"/>.
/// </summary>
/// <remarks>Implementations must be thread-safe, and erasing twice must be harmless.</remarks>
public interface IConversationEraser
{
    /// <summary>
    /// Replaces the text of every message of the conversation, the visitor's name and the details panel's personal
    /// fields with neutral placeholders, keeping the numbering, times and counts: exactly what
    /// <see cref="ConversationErasure"/> does, in one atomic write.
    /// </summary>
    /// <returns>How many messages were erased.</returns>
    /// <exception cref="ConversationNotFoundException">No such conversation.</exception>
    ValueTask<long> EraseConversationAsync(WorkspaceId workspace, Conversations.ConversationId conversationId, CancellationToken cancellationToken = default);
}
