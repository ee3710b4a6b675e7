using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Testing;

/// <summary>
/// A conversation store that hands every call to <paramref name="inner"/>: a test's decorator derives from it and
/// overrides only the calls it holds, counts or slows down. Thread-safe as the inner store is.
/// </summary>
public abstract class DelegatingConversationStore(IConversationStore inner) : IConversationStore
{
    public virtual ValueTask<Conversation> CreateConversationAsync(Conversation conversation, CancellationToken cancellationToken = default)
        => inner.CreateConversationAsync(conversation, cancellationToken);

    public virtual ValueTask<Conversation?> FindConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => inner.FindConversationAsync(workspace, conversationId, cancellationToken);

    public virtual ValueTask<CommitResult> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
        => inner.CommitAsync(commit, cancellationToken);

    public virtual ValueTask<AppendResult> AppendAsync(
        WorkspaceId workspace, ConversationId conversationId, long expectedVersion, MessageDraft message, CancellationToken cancellationToken = default)
        => inner.AppendAsync(workspace, conversationId, expectedVersion, message, cancellationToken);

    public virtual ValueTask<ChatMessage?> FindByClientMessageIdAsync(
        WorkspaceId workspace, ConversationId conversationId, string clientMessageId, CancellationToken cancellationToken = default)
        => inner.FindByClientMessageIdAsync(workspace, conversationId, clientMessageId, cancellationToken);

    public virtual ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        WorkspaceId workspace, ConversationId conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default)
        => inner.GetMessagesAsync(workspace, conversationId, afterSequence, limit, cancellationToken);

    public virtual ValueTask<IReadOnlyList<Conversation>> QueryInboxAsync(InboxQuery query, CancellationToken cancellationToken = default)
        => inner.QueryInboxAsync(query, cancellationToken);

    public virtual ValueTask<long> AdvanceReadCursorAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, long sequence, CancellationToken cancellationToken = default)
        => inner.AdvanceReadCursorAsync(workspace, conversationId, reader, sequence, cancellationToken);

    public virtual ValueTask<long> GetReadCursorAsync(WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default)
        => inner.GetReadCursorAsync(workspace, conversationId, reader, cancellationToken);

    public virtual ValueTask<int> CountUnreadAsync(WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default)
        => inner.CountUnreadAsync(workspace, conversationId, reader, cancellationToken);
}
