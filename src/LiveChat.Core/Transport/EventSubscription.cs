using System.Threading.Channels;

namespace LiveChat.Core.Transport;

/// <summary>A subscription to a <see cref="ChannelEventHub"/>. Read events from <see cref="Reader"/>; dispose to leave.</summary>
public abstract class EventSubscription : IAsyncDisposable
{
    /// <summary>Creates the subscription.</summary>
    private protected EventSubscription(ChannelReader<LiveChatEvent> reader) => Reader = reader;

    /// <summary>The subscriber's events, in publication order. Completes when the subscription is disposed.</summary>
    public ChannelReader<LiveChatEvent> Reader { get; }

    /// <summary>Stops the subscription and completes <see cref="Reader"/>.</summary>
    public abstract ValueTask DisposeAsync();
}
