using LiveChat.Core.Conversations;

namespace LiveChat.Core.Routing;

/// <summary>
/// The conversations of one workspace waiting for an agent, oldest first (features R3, R6): each at most once, found
/// by id in constant time and removed in logarithmic time, with the newest snapshot routing saw of each, so that
/// placing a conversation need not read it first.
/// </summary>
/// <remarks>
/// A snapshot is forgotten when the conversation changed unseen (a message was posted); its placement then reads it.
/// A stale snapshot only costs the placement one retry. Not thread-safe: used under its <see cref="WorkspaceRouter"/>'s
/// lock.
/// </remarks>
internal sealed class Backlog
{
    private readonly SortedSet<WaitingConversation> _ordered = new(WaitingConversation.OldestFirst);
    private readonly Dictionary<ConversationId, WaitingConversation> _byId = [];
    private readonly Dictionary<ConversationId, Conversation> _snapshots = [];

    /// <summary>How many conversations wait.</summary>
    public int Count => _byId.Count;

    /// <summary>Whether the conversation waits.</summary>
    public bool Contains(ConversationId id) => _byId.ContainsKey(id);

    /// <summary>Adds a waiting conversation unless it waits already; returns whether it was added.</summary>
    /// <param name="waiting">The entry.</param>
    /// <param name="snapshot">The stored conversation as just seen, or <see langword="null"/> when not known.</param>
    public bool Enqueue(WaitingConversation waiting, Conversation? snapshot)
    {
        if (!_byId.TryAdd(waiting.Id, waiting))
        {
            return false;
        }

        _ordered.Add(waiting);
        if (snapshot is not null)
        {
            _snapshots[waiting.Id] = snapshot;
        }

        return true;
    }

    /// <summary>The conversation's entry, if it waits.</summary>
    public bool TryGet(ConversationId id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WaitingConversation? waiting) => _byId.TryGetValue(id, out waiting);

    /// <summary>Removes the conversation if it waits; <paramref name="snapshot"/> is the one held of it, if any.</summary>
    public bool Dequeue(ConversationId id, out Conversation? snapshot)
    {
        _snapshots.Remove(id, out snapshot);
        if (!_byId.Remove(id, out var waiting))
        {
            return false;
        }

        _ordered.Remove(waiting);
        return true;
    }

    /// <summary>Keeps <paramref name="c"/> as the snapshot of a waiting conversation, if it is newer than the one held.</summary>
    public void Remember(Conversation c)
    {
        if (_byId.ContainsKey(c.Id) && (!_snapshots.TryGetValue(c.Id, out var held) || held.Version < c.Version))
        {
            _snapshots[c.Id] = c;
        }
    }

    /// <summary>Forgets the snapshot of the conversation: it changed unseen, and its placement reads it again.</summary>
    public void Forget(ConversationId id) => _snapshots.Remove(id);

    /// <summary>The waiting conversations, oldest first. Do not change the backlog while enumerating.</summary>
    public SortedSet<WaitingConversation>.Enumerator GetEnumerator() => _ordered.GetEnumerator();
}
