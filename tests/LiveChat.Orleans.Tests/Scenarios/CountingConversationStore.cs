using System.Runtime.CompilerServices;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// One silo's view of the shared conversation store, counting in <paramref name="refusals"/> the commits and appends
/// the store refused because another writer changed the conversation first (a race a writer lost and decided again).
/// Each read and write of a conversation yields first, as a database round trip would, so that concurrent writers interleave
/// between their read and their commit as they do on a real store (the in-memory store answers synchronously).
/// </summary>
internal sealed class CountingConversationStore(IConversationStore inner, StrongBox<int> refusals) : IConversationStore
{
    public ValueTask<Conversation> CreateConversationAsync(Conversation conversation, CancellationToken cancellationToken = default)
        => inner.CreateConversationAsync(conversation, cancellationToken);

    public async ValueTask<Conversation?> FindConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return await inner.FindConversationAsync(workspace, conversationId, cancellationToken);
    }

    public ValueTask<CommitResult> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
        => Counted(() => inner.CommitAsync(commit, cancellationToken));

    public ValueTask<AppendResult> AppendAsync(
        WorkspaceId workspace, ConversationId conversationId, long expectedVersion, MessageDraft message, CancellationToken cancellationToken = default)
        => Counted(() => inner.AppendAsync(workspace, conversationId, expectedVersion, message, cancellationToken));

    public ValueTask<ChatMessage?> FindByClientMessageIdAsync(
        WorkspaceId workspace, ConversationId conversationId, string clientMessageId, CancellationToken cancellationToken = default)
        => inner.FindByClientMessageIdAsync(workspace, conversationId, clientMessageId, cancellationToken);

    public ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        WorkspaceId workspace, ConversationId conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default)
        => inner.GetMessagesAsync(workspace, conversationId, afterSequence, limit, cancellationToken);

    public ValueTask<IReadOnlyList<Conversation>> QueryInboxAsync(InboxQuery query, CancellationToken cancellationToken = default)
        => inner.QueryInboxAsync(query, cancellationToken);

    public ValueTask<long> AdvanceReadCursorAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, long sequence, CancellationToken cancellationToken = default)
        => inner.AdvanceReadCursorAsync(workspace, conversationId, reader, sequence, cancellationToken);

    public ValueTask<long> GetReadCursorAsync(WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default)
        => inner.GetReadCursorAsync(workspace, conversationId, reader, cancellationToken);

    public ValueTask<int> CountUnreadAsync(WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default)
        => inner.CountUnreadAsync(workspace, conversationId, reader, cancellationToken);

    private async ValueTask<T> Counted<T>(Func<ValueTask<T>> call)
    {
        await Task.Yield();
        try
        {
            return await call();
        }
        catch (ConcurrencyConflictException)
        {
            Interlocked.Increment(ref refusals.Value);
            throw;
        }
    }
}
