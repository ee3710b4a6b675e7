using LiveChat.Core.Conversations;

namespace LiveChat.Core.Flow;

/// <summary>
/// The index of conversations' <see cref="CommitGate"/>s (see <see cref="ConversationDispatcher.OrderAsync"/>): a
/// conversation has a gate while some flow holds it or waits for it, and none once the last such flow is gone.
/// </summary>
/// <remarks>
/// The index is split in <see cref="Stripes"/> by the conversation's hash, each with its own lock, map and pool of free
/// gates. A stripe's lock is held for a map lookup and a count, never while a gate is waited for, so conversations of one
/// stripe never wait for each other's commits. A gate nobody uses goes back to its stripe's pool: a steady stream of
/// commits allocates no gate and, once the maps have grown, no map entry. Thread-safe.
/// </remarks>
internal sealed class CommitGates
{
    private const int Stripes = 64;

    /// <summary>Free gates a stripe keeps for reuse; more are left to the collector.</summary>
    private const int PoolSize = 16;

    private readonly Stripe[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new Stripe())];

    /// <summary>How many conversations have a gate now; for tests, stale as soon as read.</summary>
    public int Count => _stripes.Sum(s => { lock (s.Lock) { return s.Gates.Count; } });

    /// <summary>The conversation's gate, counted as used until the matching <see cref="Release"/>.</summary>
    public CommitGate Retain(ConversationId conversationId)
    {
        var stripe = StripeOf(conversationId);
        lock (stripe.Lock)
        {
            var entry = stripe.Gates.TryGetValue(conversationId, out var used)
                ? used with { Users = used.Users + 1 }
                : new Entry(stripe.Pool.TryPop(out var free) ? free : new CommitGate(), 1);
            stripe.Gates[conversationId] = entry;
            return entry.Gate;
        }
    }

    /// <summary>One use of the conversation's gate ended (it was exited, or never entered); the last one frees the gate.</summary>
    public void Release(ConversationId conversationId, CommitGate gate)
    {
        var stripe = StripeOf(conversationId);
        lock (stripe.Lock)
        {
            var entry = stripe.Gates[conversationId];
            if (entry.Users > 1)
            {
                stripe.Gates[conversationId] = entry with { Users = entry.Users - 1 };
                return;
            }

            stripe.Gates.Remove(conversationId);
            if (stripe.Pool.Count < PoolSize && !gate.IsHeld)
            {
                stripe.Pool.Push(gate);
            }
        }
    }

    private Stripe StripeOf(ConversationId conversationId) => _stripes[(int)((uint)conversationId.GetHashCode() % Stripes)];

    /// <summary>A conversation's gate and how many flows hold it, wait for it or are about to.</summary>
    private readonly record struct Entry(CommitGate Gate, int Users);

    private sealed class Stripe
    {
        public Lock Lock { get; } = new();

        public Dictionary<ConversationId, Entry> Gates { get; } = [];

        public Stack<CommitGate> Pool { get; } = new();
    }
}
