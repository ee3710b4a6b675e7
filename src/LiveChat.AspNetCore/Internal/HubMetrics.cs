using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LiveChat.AspNetCore.Internal;

/// <summary>The hubs' instruments and activity source; see <see cref="LiveChatAspNetCoreTelemetry"/>. Thread-safe.</summary>
internal sealed class HubMetrics
{
    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _relayed;
    private readonly Counter<long> _resumes;
    private readonly Counter<long> _rateLimited;

    public HubMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(LiveChatAspNetCoreTelemetry.Name) ?? new Meter(LiveChatAspNetCoreTelemetry.Name);
        _connections = meter.CreateUpDownCounter<long>("livechat.hub.connections", "{connection}", "Open hub connections.");
        _relayed = meter.CreateCounter<long>("livechat.hub.messages.relayed", "{message}", "Messages sent to client connections.");
        _resumes = meter.CreateCounter<long>("livechat.hub.resumes", "{resume}", "Resumes and opened conversations read from the store.");
        _rateLimited = meter.CreateCounter<long>("livechat.hub.rate_limited", "{call}", "Hub calls refused by a rate limit.");
    }

    public static ActivitySource ActivitySource { get; } = new(LiveChatAspNetCoreTelemetry.Name);

    public void Connected(string hub, int delta) => _connections.Add(delta, new KeyValuePair<string, object?>("livechat.hub", hub));

    public void Relayed() => _relayed.Add(1);

    public void Resumed() => _resumes.Add(1);

    public void RateLimited(string limit) => _rateLimited.Add(1, new KeyValuePair<string, object?>("livechat.limit", limit));
}
