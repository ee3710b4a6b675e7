namespace LiveChat.Core.Storage;

/// <summary>
/// The optional store port for privacy requests (feature X9): a store that implements it beside
/// <see cref="IConversationStore"/> lets <c>engine.Identity.EraseAsync</c> remove a contact's message text.
/// </summary>
/// <remarks>Implementations must be thread-safe, and erasing twice must be harmless.</remarks>
public interface IConversationEraser
{
    /// <summary>
    /// Replaces the text of every message of the conversation, the visitor's name and the details panel's personal
    /// fields with neutral placeholders, keeping the numbering, times and counts.
    /// </summary>
    /// <returns>How many messages were erased.</returns>
    /// <exception cref="ConversationNotFoundException">No such conversation.</exception>
    ValueTask<long> EraseConversationAsync(WorkspaceId workspace, Conversations.ConversationId conversationId, CancellationToken cancellationToken = default);
}
