using LiveChat.Core.Conversations;

namespace LiveChat.Core.Flow;

/// <content>The per-conversation commit order: held across a commit and its enqueue, so events enter the lanes in commit order.</content>
internal sealed partial class ConversationDispatcher
{
    private readonly CommitGates _commitGates = new();

    /// <summary>
    /// Holds the conversation's commit order until disposed: commit, then <see cref="Enqueue"/>, then dispose, so that
    /// events enter the lanes in the order the store applied them. Never held while reactions run.
    /// </summary>
    /// <remarks>
    /// Each conversation a flow commits to has a <see cref="CommitGate"/> of its own, kept for its next commit until a
    /// sweep drops the unused ones: a commit held in the store delays that conversation's next commit only, never another conversation's
    /// (gates shared by hash did, by chance). A free gate is entered synchronously, and an uncontended order takes no lock
    /// and allocates nothing once the conversation has its gate (see <see cref="CommitGates"/>).
    /// </remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired before the order was held.</exception>
    public ValueTask<CommitOrder> OrderAsync(ConversationId conversationId, CancellationToken cancellationToken)
    {
        var gate = _commitGates.Retain(conversationId);
        var entered = gate.EnterAsync(cancellationToken);
        return entered.IsCompletedSuccessfully ? new ValueTask<CommitOrder>(new CommitOrder(gate)) : WaitAsync(entered, gate);

        static async ValueTask<CommitOrder> WaitAsync(ValueTask entered, CommitGate gate)
        {
            try
            {
                await entered.ConfigureAwait(false);
            }
            catch
            {
                CommitGates.Release(gate);
                throw;
            }

            return new CommitOrder(gate);
        }
    }

    /// <summary>How many conversations have a commit gate now (a flow commits to them or waits to); for tests, stale as soon as read.</summary>
    internal int OpenCommitGates => _commitGates.Count;

    /// <summary>How many commit gates the dispatcher keeps, used or not (see <see cref="CommitGates"/>); for tests, stale as soon as read.</summary>
    internal int KeptCommitGates => _commitGates.Kept;

    /// <summary>The held commit order of one conversation; dispose it right after <see cref="Enqueue"/>.</summary>
    public readonly struct CommitOrder(CommitGate gate) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            gate.Exit();
            CommitGates.Release(gate);
        }
    }
}
