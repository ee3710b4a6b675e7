using System.Collections.Concurrent;
using System.Collections.Immutable;
using LiveChat.Core;
using LiveChat.Core.Conversations;

namespace LiveChat.AspNetCore.Internal;

/// <summary>
/// Which connections follow which conversation, so each event reaches exactly the connections allowed to see it
/// (feature W1). A connection is added only after the hub authorized it for that conversation. Thread-safe.
/// </summary>
internal sealed class FeedRegistry
{
    private readonly ConcurrentDictionary<(WorkspaceId, ConversationId), ImmutableArray<ConversationFeed>> _byConversation = new();
    private readonly ConcurrentDictionary<string, ImmutableArray<ConversationFeed>> _byConnection = new(StringComparer.Ordinal);

    public ImmutableArray<ConversationFeed> For(WorkspaceId workspace, ConversationId conversationId)
        => _byConversation.TryGetValue((workspace, conversationId), out var feeds) ? feeds : [];

    public int CountFor(string connectionId) => _byConnection.TryGetValue(connectionId, out var feeds) ? feeds.Length : 0;

    /// <summary>Adds <paramref name="feed"/>, replacing the connection's earlier feed of the same conversation.</summary>
    public void Add(ConversationFeed feed)
    {
        Remove(feed.ConnectionId, feed.Workspace, feed.ConversationId);
        _byConversation.AddOrUpdate((feed.Workspace, feed.ConversationId), [feed], (_, feeds) => feeds.Add(feed));
        _byConnection.AddOrUpdate(feed.ConnectionId, [feed], (_, feeds) => feeds.Add(feed));
    }

    public void Remove(string connectionId, WorkspaceId workspace, ConversationId conversationId)
    {
        if (!_byConnection.TryGetValue(connectionId, out var mine) || mine.FirstOrDefault(f => f.Workspace == workspace && f.ConversationId == conversationId) is not { } feed)
        {
            return;
        }

        Update(_byConnection, connectionId, f => f != feed);
        Update(_byConversation, (workspace, conversationId), f => f != feed);
    }

    public void RemoveConnection(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var feeds))
        {
            foreach (var feed in feeds)
            {
                Update(_byConversation, (feed.Workspace, feed.ConversationId), f => f.ConnectionId != connectionId);
            }
        }
    }

    private static void Update<TKey>(ConcurrentDictionary<TKey, ImmutableArray<ConversationFeed>> map, TKey key, Func<ConversationFeed, bool> keep)
        where TKey : notnull
    {
        while (map.TryGetValue(key, out var feeds))
        {
            var kept = feeds.Where(keep).ToImmutableArray();
            if (kept.Length == 0 ? map.TryRemove(new KeyValuePair<TKey, ImmutableArray<ConversationFeed>>(key, feeds)) : map.TryUpdate(key, kept, feeds))
            {
                return;
            }
        }
    }
}
