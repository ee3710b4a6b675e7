using System.Runtime.CompilerServices;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// One silo's view of the shared conversation store, counting in <paramref name="refusals"/> the commits and appends
/// the store refused because another writer changed the conversation first (a race a writer lost and decided again).
/// Each read and write of a conversation yields first, as a database round trip would, so that concurrent writers interleave
/// between their read and their commit as they do on a real store (the in-memory store answers synchronously).
/// </summary>
internal sealed class CountingConversationStore(IConversationStore inner, StrongBox<int> refusals) : DelegatingConversationStore(inner)
{
    public override async ValueTask<Conversation?> FindConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return await base.FindConversationAsync(workspace, conversationId, cancellationToken);
    }

    public override ValueTask<CommitResult> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
        => Counted(() => base.CommitAsync(commit, cancellationToken));

    public override ValueTask<AppendResult> AppendAsync(
        WorkspaceId workspace, ConversationId conversationId, long expectedVersion, MessageDraft message, CancellationToken cancellationToken = default)
        => Counted(() => base.AppendAsync(workspace, conversationId, expectedVersion, message, cancellationToken));

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
