using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Routing;

/// <summary>
/// One workspace's live offers (feature R7): the seat each holds and its lease timer. When a lease runs out, the
/// timer hands the conversation to the expiry its <see cref="WorkspaceRouter"/> gave, off any caller's path.
/// </summary>
/// <remarks>
/// The held seats are not thread-safe: the workspace router uses them under its lock. The timers are
/// <see cref="KeyedTimers{TKey}"/> on the engine's clock, one per conversation; arming again replaces the lease.
/// </remarks>
internal sealed class OfferLeases : IDisposable
{
    private readonly Dictionary<ConversationId, HeldOffer> _held = [];
    private readonly KeyedTimers<ConversationId> _timers;

    /// <param name="work">The background work the lease timers run on.</param>
    /// <param name="expire">Runs when a lease runs out, with the conversation whose offer it was.</param>
    /// <param name="what">Names the timers in the log.</param>
    public OfferLeases(BackgroundWork work, Func<ConversationId, CancellationToken, Task> expire, string what)
        => _timers = work.CreateTimers(expire, what);

    /// <summary>How many offers hold a seat.</summary>
    public int Count => _held.Count;

    /// <summary>Records that the conversation's offer holds a seat of the agent at <paramref name="ordinal"/>.</summary>
    public void Hold(ConversationId conversationId, int ordinal, long token) => _held[conversationId] = new HeldOffer(ordinal, token);

    /// <summary>The seat the conversation's offer holds, if any.</summary>
    public bool TryGet(ConversationId conversationId, out HeldOffer held) => _held.TryGetValue(conversationId, out held);

    /// <summary>Starts the lease: the expiry runs at <paramref name="expiresAt"/>, on the engine's clock.</summary>
    public void Arm(ConversationId conversationId, DateTimeOffset expiresAt) => _timers.ArmAt(conversationId, expiresAt);

    /// <summary>Whether the conversation's lease timer is running.</summary>
    public bool IsArmed(ConversationId conversationId) => _timers.IsArmed(conversationId);

    /// <summary>Forgets the conversation's offer and stops its lease; returns whether it held a seat.</summary>
    public bool Remove(ConversationId conversationId)
    {
        _timers.Cancel(conversationId);
        return _held.Remove(conversationId);
    }

    /// <summary>Stops every lease timer.</summary>
    public void Dispose() => _timers.Dispose();
}
