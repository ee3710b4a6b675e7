using LiveChat.AspNetCore.Hubs;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace LiveChat.AspNetCore.Internal;

/// <summary>
/// One connection following one conversation (feature W2): every message reaches it exactly once, in sequence order,
/// whatever the event stream dropped or repeated.
/// </summary>
/// <remarks>
/// <para>
/// The feed remembers the last sequence it delivered. A live message right after it is sent; an older one is skipped (a
/// resume already sent it); a newer one means the live stream lost messages (the event buffer's DropOldest policy, a
/// slow client), so the gap is read from the store first. A resume sets the mark to what the client says it saw and reads
/// the rest from the store. One pump per feed does all of this in order, and only while there is work: an idle feed
/// holds no task and no queue.
/// </para>
/// <para>
/// A feed lives as long as its connection follows the conversation, so it holds only what it needs: the engine (a singleton)
/// and, for a visitor, the visitor token the store checks; never a closure over the hub instance that made it, which SignalR
/// makes per call and would otherwise stay alive, with its client proxies, for the connection's whole life (issue 16).
/// </para>
/// <para>Thread-safe: the queue is guarded by a small lock, sends run on the pump outside it.</para>
/// </remarks>
internal sealed class ConversationFeed
{
    /// <summary>How many live items wait at most; beyond it the oldest messages are dropped and read back from the store.</summary>
    internal const int QueueLimit = 256;
    private const int PageSize = 100;

    private readonly Lock _gate = new();
    private readonly LiveChatEngine _engine;
    private readonly VisitorToken? _visitorToken;
    private readonly HubMetrics _metrics;
    private readonly ILogger _logger;
    private Queue<FeedItem>? _queue;
    private bool _running;
    private long _delivered;

    public ConversationFeed(
        string connectionId,
        WorkspaceId workspace,
        ConversationId conversationId,
        IVisitorClient? visitor,
        IAgentClient? agent,
        LiveChatEngine engine,
        VisitorToken? visitorToken,
        HubMetrics metrics,
        ILogger logger)
    {
        ConnectionId = connectionId;
        Workspace = workspace;
        ConversationId = conversationId;
        Visitor = visitor;
        Agent = agent;
        _engine = engine;
        _visitorToken = visitorToken;
        _metrics = metrics;
        _logger = logger;
    }

    public string ConnectionId { get; }

    public WorkspaceId Workspace { get; }

    public ConversationId ConversationId { get; }

    /// <summary>The visitor's connection, when a visitor follows the conversation.</summary>
    public IVisitorClient? Visitor { get; }

    /// <summary>The agent's connection, when an agent follows the conversation.</summary>
    public IAgentClient? Agent { get; }

    /// <summary>Delivers a live message, or the gap before it, unless already delivered.</summary>
    public void Offer(ChatMessage message) => Enqueue(new FeedItem(message, null, null, 0));

    /// <summary>Sends a frame without a sequence (state, form, typing) in order with the messages.</summary>
    public void Send(Func<Task> frame) => Enqueue(new FeedItem(null, frame, null, 0));

    /// <summary>Delivers every message after <paramref name="afterSequence"/> from the store; completes once they are sent.</summary>
    public Task CatchUpAsync(long afterSequence)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new FeedItem(null, null, done, afterSequence));
        return done.Task;
    }

    private void Enqueue(FeedItem item)
    {
        lock (_gate)
        {
            if (_running)
            {
                var queue = _queue ??= new Queue<FeedItem>();
                if (queue.Count >= QueueLimit && item.Message is not null)
                {
                    // A stalled client: keep what must not be lost (resumes) and one catch-up from the store for the messages.
                    var kept = queue.Where(i => i.Message is null).ToList();
                    queue.Clear();
                    kept.ForEach(queue.Enqueue);
                    queue.Enqueue(new FeedItem(null, null, null, -1));
                }

                queue.Enqueue(item);
                return;
            }

            _running = true;
        }

        // Started on the caller's thread: a send that completes at once (the usual case: SignalR writes to the connection's
        // buffer) costs no thread-pool hop and no queue; the pump moves to the pool only when a send or a read must wait.
        _ = PumpAsync(item);
    }

    private async Task PumpAsync(FeedItem first)
    {
        var item = first;
        while (true)
        {
            try
            {
                await ProcessAsync(item).ConfigureAwait(false);
                item.Done?.TrySetResult();
            }
            catch (Exception e)
            {
                // The connection left or the store failed: a resume reads the rest again, so nothing is lost for the client.
                Log.FeedFailed(_logger, e, ConversationId);
                item.Done?.TrySetException(e);
            }

            lock (_gate)
            {
                if (_queue is not { Count: > 0 } queue)
                {
                    _running = false;
                    _queue = null;
                    return;
                }

                item = queue.Dequeue();
            }
        }
    }

    private async Task ProcessAsync(FeedItem item)
    {
        if (item.Frame is { } frame)
        {
            await frame().ConfigureAwait(false);
        }
        else if (item.Message is { } message)
        {
            if (message.Sequence == _delivered + 1)
            {
                await SendAsync(message).ConfigureAwait(false);
                _delivered = message.Sequence;
            }
            else if (message.Sequence > _delivered)
            {
                await ReadFromStoreAsync(message.Sequence).ConfigureAwait(false);
            }
        }
        else
        {
            if (item.AfterSequence >= 0)
            {
                _delivered = item.AfterSequence;
            }

            await ReadFromStoreAsync(long.MaxValue).ConfigureAwait(false);
        }
    }

    private async Task ReadFromStoreAsync(long upTo)
    {
        while (_delivered < upTo)
        {
            var page = _visitorToken is { } token
                ? await _engine.Visitors.GetMessagesAsync(Workspace, ConversationId, token, _delivered, PageSize, CancellationToken.None).ConfigureAwait(false)
                : await _engine.Conversations.GetMessagesAsync(Workspace, ConversationId, _delivered, PageSize, CancellationToken.None).ConfigureAwait(false);
            foreach (var message in page.Where(m => m.Sequence > _delivered).OrderBy(m => m.Sequence))
            {
                await SendAsync(message).ConfigureAwait(false);
                _delivered = message.Sequence;
            }

            if (page.Count < PageSize)
            {
                return;
            }
        }
    }

    private async Task SendAsync(ChatMessage message)
    {
        await (Visitor is { } visitor
            ? visitor.MessageReceived(WireMapper.Message(message, forAgent: false))
            : Agent!.MessageReceived(WireMapper.Message(message, forAgent: true))).ConfigureAwait(false);
        _metrics.Relayed();
    }

    private readonly record struct FeedItem(ChatMessage? Message, Func<Task>? Frame, TaskCompletionSource? Done, long AfterSequence);
}
