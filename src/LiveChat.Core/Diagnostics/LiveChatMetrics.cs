using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LiveChat.Core.Diagnostics;

/// <summary>
/// The SDK's instruments (feature X8), on the meter and activity source named <see cref="Name"/>. Listen with
/// OpenTelemetry (<c>AddMeter("LiveChat.Core")</c>, <c>AddSource("LiveChat.Core")</c>) or <c>dotnet-counters</c>.
/// </summary>
/// <remarks>
/// Instruments: <c>livechat.conversations.started</c>, <c>livechat.conversations.ended</c>, <c>livechat.messages.posted</c>
/// (tagged by sender), <c>livechat.queue.length</c> (conversations waiting in Unassigned), <c>livechat.events.dropped</c>,
/// <c>livechat.routing.placed</c> (tagged by mode) and <c>livechat.routing.offers.expired</c>.
/// Every measurement carries the <c>livechat.workspace</c> tag except the dropped-event count. Thread-safe.
/// </remarks>
public sealed class LiveChatMetrics : IDisposable
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "LiveChat.Core";

    private const string WorkspaceTag = "livechat.workspace";
    private readonly Meter _meter;
    private readonly Counter<long> _started;
    private readonly Counter<long> _ended;
    private readonly Counter<long> _messages;
    private readonly UpDownCounter<long> _queue;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _routed;
    private readonly Counter<long> _offersExpired;
    private readonly Counter<long> _emails;

    /// <summary>Creates the instruments, on a meter from <paramref name="meterFactory"/> when the host has one.</summary>
    public LiveChatMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _started = _meter.CreateCounter<long>("livechat.conversations.started", "{conversation}", "Conversations started.");
        _ended = _meter.CreateCounter<long>("livechat.conversations.ended", "{conversation}", "Conversations ended.");
        _messages = _meter.CreateCounter<long>("livechat.messages.posted", "{message}", "Messages stored.");
        _queue = _meter.CreateUpDownCounter<long>("livechat.queue.length", "{conversation}", "Conversations waiting for an agent.");
        _dropped = _meter.CreateCounter<long>("livechat.events.dropped", "{event}", "Events a slow in-process subscriber lost.");
        _routed = _meter.CreateCounter<long>("livechat.routing.placed", "{conversation}", "Queued conversations the router assigned or offered.");
        _emails = _meter.CreateCounter<long>("livechat.email.attempts", "{attempt}", "E-mail delivery attempts, tagged with their result: sent, retry or failed.");
        _offersExpired = _meter.CreateCounter<long>("livechat.routing.offers.expired", "{offer}", "Offers whose lease ran out unaccepted.");
    }

    /// <summary>The SDK's activity source, for traces of its operations.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    internal void ConversationStarted(WorkspaceId workspace) => _started.Add(1, new KeyValuePair<string, object?>(WorkspaceTag, workspace.Value));

    internal void ConversationEnded(WorkspaceId workspace) => _ended.Add(1, new KeyValuePair<string, object?>(WorkspaceTag, workspace.Value));

    /// <summary>Counts a stored message; the tags are built only while someone listens, since it runs on every post.</summary>
    internal void MessagePosted(WorkspaceId workspace, Conversations.SenderKind sender)
    {
        if (_messages.Enabled)
        {
            _messages.Add(1, new KeyValuePair<string, object?>(WorkspaceTag, workspace.Value), new KeyValuePair<string, object?>("livechat.sender", sender.ToString()));
        }
    }

    internal void QueueChanged(WorkspaceId workspace, int delta)
    {
        if (delta != 0)
        {
            _queue.Add(delta, new KeyValuePair<string, object?>(WorkspaceTag, workspace.Value));
        }
    }

    internal void EventDropped() => _dropped.Add(1);

    internal void Routed(WorkspaceId workspace, bool offered)
        => _routed.Add(1, new KeyValuePair<string, object?>(WorkspaceTag, workspace.Value), new KeyValuePair<string, object?>("livechat.routing.mode", offered ? "offer" : "assign"));

    internal void OfferExpired(WorkspaceId workspace) => _offersExpired.Add(1, new KeyValuePair<string, object?>(WorkspaceTag, workspace.Value));

    internal void EmailAttempt(WorkspaceId workspace, string result)
        => _emails.Add(1, new KeyValuePair<string, object?>(WorkspaceTag, workspace.Value), new KeyValuePair<string, object?>("livechat.email.result", result));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
