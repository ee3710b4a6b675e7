using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <summary>
/// The storage port for conversations, their messages and read cursors (feature X3).
/// </summary>
/// <remarks>
/// <para>
/// Implementations must be safe to call from many threads (and, for shared databases, many processes), and every
/// method is one atomic unit: it either fully happens or changes nothing. The rules below are checked by the
/// compliance suite in <c>LiveChat.Core.Testing</c>, which every adapter runs.
/// </para>
/// <list type="bullet">
/// <item>A lost optimistic-concurrency race throws <see cref="ConcurrencyConflictException"/>.</item>
/// <item>An unknown conversation, or one of another workspace, throws <see cref="ConversationNotFoundException"/>.</item>
/// <item>Conversation numbers are 1, 2, 3… per workspace, without gaps or duplicates.</item>
/// <item>Message sequence numbers are 1, 2, 3… per conversation, without gaps or duplicates.</item>
/// </list>
/// <para>
/// An implementation also implementing <see cref="IAgentStore"/> over the same data is required, because an assignment
/// checks and reserves the agent's capacity in the same transaction.
/// </para>
/// </remarks>
public interface IConversationStore
{
    /// <summary>
    /// Stores a new conversation, giving it the workspace's next conversation number, version 1 and no messages.
    /// </summary>
    /// <returns>The stored conversation.</returns>
    ValueTask<Conversation> CreateConversationAsync(Conversation conversation, CancellationToken cancellationToken = default);

    /// <summary>The conversation, or <see langword="null"/> when the workspace has no such conversation.</summary>
    ValueTask<Conversation?> FindConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically replaces a conversation and appends messages, if its stored version is still
    /// <see cref="ConversationCommit.ExpectedVersion"/>.
    /// </summary>
    /// <remarks>
    /// When the commit makes an agent the owner (state <see cref="ConversationState.Assigned"/> with a new
    /// <see cref="Conversation.AssignedAgentId"/>), the store checks in the same transaction that the agent is registered
    /// (<see cref="AgentNotFoundException"/>), online (<see cref="AgentNotAvailableException"/>) and below capacity
    /// (<see cref="AgentCapacityExceededException"/>), and counts the conversation against them. When it takes the
    /// conversation away from an agent (reassigned or ended), it frees that capacity.
    /// </remarks>
    /// <exception cref="ConcurrencyConflictException">The conversation changed since it was read.</exception>
    ValueTask<CommitResult> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends one message, if the conversation's version is still <paramref name="expectedVersion"/>; or, when a message
    /// with the same client message id is stored already, returns that one.
    /// </summary>
    /// <remarks>
    /// A stored message is the same message when <see cref="MessageSender.IsSameAuthorAs"/> holds for its sender and its
    /// text is equal (ordinal); the duplicate check comes before the version check, so a retry succeeds even after the
    /// conversation changed.
    /// </remarks>
    /// <exception cref="IdempotencyConflictException">The client message id was used for a different message.</exception>
    /// <exception cref="ConcurrencyConflictException">The conversation changed since it was read.</exception>
    ValueTask<AppendResult> AppendAsync(
        WorkspaceId workspace, ConversationId conversationId, long expectedVersion, MessageDraft message, CancellationToken cancellationToken = default);

    /// <summary>The message stored with this client message id, or <see langword="null"/>.</summary>
    ValueTask<ChatMessage?> FindByClientMessageIdAsync(
        WorkspaceId workspace, ConversationId conversationId, string clientMessageId, CancellationToken cancellationToken = default);

    /// <summary>Messages with a sequence number above <paramref name="afterSequence"/>, in order, at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        WorkspaceId workspace, ConversationId conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>One page of an inbox folder, in the folder's order (see <see cref="InboxFolder"/>).</summary>
    ValueTask<IReadOnlyList<Conversation>> QueryInboxAsync(InboxQuery query, CancellationToken cancellationToken = default);

    /// <summary>Moves a reader's cursor forward to <paramref name="sequence"/>; a cursor never moves back.</summary>
    /// <returns>The cursor after the call.</returns>
    ValueTask<long> AdvanceReadCursorAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, long sequence, CancellationToken cancellationToken = default);

    /// <summary>The reader's cursor: the last sequence number they have read, 0 when none.</summary>
    ValueTask<long> GetReadCursorAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default);

    /// <summary>How many messages after the reader's cursor were written by someone else.</summary>
    ValueTask<int> CountUnreadAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many messages after the reader's cursor were written by someone else, for each of
    /// <paramref name="conversationIds"/> (feature C8): an inbox page's unread counts in one call.
    /// </summary>
    /// <param name="workspace">The workspace the conversations belong to.</param>
    /// <param name="conversationIds">The conversations, without duplicates.</param>
    /// <param name="reader">Whose cursor and whose own messages count.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// A count for each id of a conversation of <paramref name="workspace"/>; an unknown id, or one of another workspace,
    /// is left out (nothing is thrown for it).
    /// </returns>
    /// <remarks>
    /// The default implementation asks <see cref="CountUnreadAsync(WorkspaceId, ConversationId, ReaderId, CancellationToken)"/>
    /// once per id; the SDK's relational stores answer with one query. The counts need not be one snapshot: each is as of
    /// its own read.
    /// </remarks>
    async ValueTask<IReadOnlyDictionary<ConversationId, int>> CountUnreadManyAsync(
        WorkspaceId workspace, IReadOnlyList<ConversationId> conversationIds, ReaderId reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        var counts = new Dictionary<ConversationId, int>(conversationIds.Count);
        foreach (var id in conversationIds)
        {
            try
            {
                counts[id] = await CountUnreadAsync(workspace, id, reader, cancellationToken).ConfigureAwait(false);
            }
            catch (ConversationNotFoundException)
            {
                // Left out, as documented.
            }
        }

        return counts;
    }
}
