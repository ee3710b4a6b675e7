using System.Collections.Concurrent;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Flow;

/// <summary>
/// The index of conversations' <see cref="CommitGate"/>s (see <see cref="ConversationDispatcher.OrderAsync"/>): each
/// conversation a flow commits to has a gate of its own, so conversations never wait for each other's commits.
/// </summary>
/// <remarks>
/// <para>
/// A gate counts its uses: a flow retains it before it enters (or waits) and releases it after it exits (or gave up
/// waiting). Retaining a kept gate is one lock-free lookup and one compare-and-swap, and releasing it one atomic
/// decrement, so a conversation's steady stream of commits takes no lock here and allocates nothing.
/// </para>
/// <para>
/// A gate nobody uses stays in the index for the conversation's next commit until a sweep drops it. A sweep runs when
/// the index has grown to twice what the last sweep left (at least <see cref="SweepFloor"/> gates): it retires every
/// unused gate (its use count moves from 0 to retired in one compare-and-swap, so no flow can retain it afterwards) and
/// removes it. A flow that finds a retired gate looks again and gets a new one. Memory is bounded by twice the gates in
/// use, or <see cref="SweepFloor"/>. A retired gate is never used again, so a flow that read it before its removal cannot
/// take another conversation's gate. Thread-safe.
/// </para>
/// </remarks>
internal sealed class CommitGates
{
    /// <summary>The fewest kept gates that start a sweep.</summary>
    internal const int SweepFloor = 4096;

    private readonly ConcurrentDictionary<ConversationId, CommitGate> _gates = new();
    private readonly Lock _sweeping = new();
    private int _kept;
    private int _sweepAt = SweepFloor;

    /// <summary>How many conversations' gates some flow holds, waits for or is about to; for tests, stale as soon as read.</summary>
    public int Count => _gates.Values.Count(gate => gate.InUse);

    /// <summary>How many gates the index keeps, used or not; for tests, stale as soon as read.</summary>
    internal int Kept => Volatile.Read(ref _kept);

    /// <summary>The conversation's gate, counted as used until the matching <see cref="Release"/>.</summary>
    public CommitGate Retain(ConversationId conversationId)
    {
        while (true)
        {
            if (_gates.TryGetValue(conversationId, out var gate))
            {
                if (gate.TryRetain())
                {
                    return gate;
                }

                // A sweep retired it: help remove it, then look again.
                Remove(conversationId, gate);
                continue;
            }

            var created = NewGate();
            if (_gates.TryAdd(conversationId, created))
            {
                if (Interlocked.Increment(ref _kept) >= Volatile.Read(ref _sweepAt))
                {
                    Sweep();
                }

                return created;
            }
        }
    }

    /// <summary>One use of the conversation's gate ended (it was exited, or never entered).</summary>
    public static void Release(CommitGate gate) => gate.ReleaseUse();

    /// <summary>A new gate with one use (the caller's).</summary>
    private static CommitGate NewGate()
    {
        var gate = new CommitGate();
        gate.TryRetain();
        return gate;
    }

    /// <summary>Retires and removes every gate nobody uses; one sweep at a time.</summary>
    private void Sweep()
    {
        lock (_sweeping)
        {
            if (Volatile.Read(ref _kept) < _sweepAt)
            {
                // Another sweep ran meanwhile.
                return;
            }

            foreach (var (conversationId, gate) in _gates)
            {
                if (gate.TryRetire())
                {
                    Remove(conversationId, gate);
                }
            }

            _sweepAt = Math.Max(SweepFloor, 2 * Volatile.Read(ref _kept));
        }
    }

    private bool Remove(ConversationId conversationId, CommitGate gate)
    {
        if (!_gates.TryRemove(KeyValuePair.Create(conversationId, gate)))
        {
            return false;
        }

        Interlocked.Decrement(ref _kept);
        return true;
    }
}
