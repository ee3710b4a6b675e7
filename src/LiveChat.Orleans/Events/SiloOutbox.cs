using System.Threading.Channels;
using LiveChat.Core.Transport;
using Microsoft.Extensions.Logging;

namespace LiveChat.Orleans.Events;

/// <summary>
/// The events on their way from this silo to one other silo (feature X7): sent in commit order, one batch at a time, so
/// under load one grain call carries many events. Bounded: when the other silo falls behind, the oldest events are
/// dropped, as the in-process hub drops for a slow subscriber; feeds read lost messages back from the store.
/// </summary>
/// <remarks>Thread-safe: <see cref="Post"/> from any thread; one loop sends.</remarks>
internal sealed class SiloOutbox : IDisposable
{
    /// <summary>The most events one call carries.</summary>
    internal const int BatchLimit = 256;

    private readonly Channel<LiveChatEvent> _queue;
    private readonly ISiloEventsGrain _target;
    private readonly ILogger _logger;

    public SiloOutbox(ISiloEventsGrain target, int capacity, ILogger logger)
    {
        _target = target;
        _logger = logger;
        _queue = Channel.CreateBounded<LiveChatEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _ = Task.Run(SendAsync);
    }

    /// <summary>Queues an event for the other silo; never waits.</summary>
    public void Post(LiveChatEvent liveChatEvent) => _queue.Writer.TryWrite(liveChatEvent);

    /// <summary>
    /// Takes no more events; the loop sends what is queued and ends. Does not wait for it: a silo that is stopping must not
    /// wait on one that is gone (a call to it fails after the response timeout).
    /// </summary>
    public void Dispose() => _queue.Writer.TryComplete();

    private async Task SendAsync()
    {
        var batch = new List<LiveChatEvent>(BatchLimit);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < BatchLimit && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await _target.DeliverAsync([.. batch]).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The other silo is dying or gone: its connections reconnect elsewhere and resume from the store.
                Log.EventsNotDelivered(_logger, e, batch.Count, _target.GetPrimaryKeyString());
            }

            batch.Clear();
        }
    }
}
