using System.Threading.Channels;
using LiveChat.Core.Diagnostics;
using Microsoft.Extensions.Options;

namespace LiveChat.Core.Transport;

/// <summary>
/// The in-process transport: every subscriber gets its own bounded <see cref="Channel{T}"/> of events (feature N2).
/// </summary>
/// <remarks>
/// <para>
/// Backpressure policy, set by <see cref="LiveChatOptions.EventBufferCapacity"/> and
/// <see cref="LiveChatOptions.EventBufferFullMode"/>: each subscriber buffers up to the capacity. With the default,
/// <see cref="BoundedChannelFullMode.DropOldest"/>, a slow subscriber loses its oldest events, never slows the chat and
/// never delays other subscribers; every dropped event is counted in the <c>livechat.events.dropped</c> metric. With
/// <see cref="BoundedChannelFullMode.Wait"/>, publishing waits until the slowest subscriber has room: nothing is lost,
/// but a stalled subscriber stalls every operation that publishes.
/// </para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class ChannelEventHub : ILiveChatEventPublisher, ILiveChatEventSource
{
    private readonly LiveChatOptions _options;
    private readonly LiveChatMetrics _metrics;
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    /// <summary>Creates a hub.</summary>
    public ChannelEventHub(IOptions<LiveChatOptions> options, LiveChatMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _options = options.Value;
        _metrics = metrics;
    }

    /// <summary>Starts receiving events.</summary>
    /// <param name="workspace">Only this workspace's events, or every workspace's when <see langword="null"/>.</param>
    /// <returns>A subscription; dispose it to stop receiving.</returns>
    public EventSubscription Subscribe(WorkspaceId? workspace = null)
    {
        var subscription = new Subscription(this, workspace, Channel.CreateBounded<LiveChatEvent>(
            new BoundedChannelOptions(_options.EventBufferCapacity)
            {
                FullMode = _options.EventBufferFullMode,
                SingleReader = false,
                SingleWriter = false,
            },
            _ => _metrics.EventDropped()));
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    /// <inheritdoc />
    public async ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(liveChatEvent);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (!subscription.Receives(liveChatEvent.Workspace))
            {
                continue;
            }

            if (!subscription.Channel.Writer.TryWrite(liveChatEvent) && _options.EventBufferFullMode == BoundedChannelFullMode.Wait)
            {
                try
                {
                    await subscription.Channel.Writer.WriteAsync(liveChatEvent, cancellationToken).ConfigureAwait(false);
                }
                catch (ChannelClosedException)
                {
                    // The subscriber left while we waited for room.
                }
            }
        }
    }

    /// <summary>
    /// Whether an event of <paramref name="workspace"/> published now would reach a subscriber; lets the flow skip the
    /// fan-out when nobody listens. A subscription taken after this answered <see langword="false"/> receives the events
    /// committed after it. Thread-safe, lock-free.
    /// </summary>
    internal bool HasSubscriberFor(WorkspaceId workspace)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Receives(workspace))
            {
                return true;
            }
        }

        return false;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        }

        subscription.Channel.Writer.TryComplete();
    }

    private sealed class Subscription(ChannelEventHub hub, WorkspaceId? workspace, Channel<LiveChatEvent> channel)
        : EventSubscription(channel.Reader)
    {
        public WorkspaceId? Workspace { get; } = workspace;

        public Channel<LiveChatEvent> Channel { get; } = channel;

        public bool Receives(WorkspaceId workspace) => Workspace is not { } only || only == workspace;

        public override ValueTask DisposeAsync()
        {
            hub.Remove(this);
            return ValueTask.CompletedTask;
        }
    }
}
