using System.Collections.Concurrent;
using LiveChat.Core;
using LiveChat.Core.Diagnostics;
using LiveChat.Core.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace LiveChat.Orleans.Events;

/// <summary>
/// The events of the whole cluster, for the transports that relay them to the connections this silo holds (feature X7,
/// <see cref="ILiveChatEventSource"/>). As a publisher it receives every event this silo commits, keeps it for its own
/// subscribers and sends it to every other active silo (one <see cref="SiloOutbox"/> each, straight over the silos'
/// mesh, no server in between); what the others send arrives through <see cref="SiloEventsGrain"/>.
/// </summary>
/// <remarks>
/// The engine's own <see cref="LiveChatEngine.Events"/> is untouched: it carries this silo's commits only, so a host
/// subscriber there (a webhook) sees each event once in the cluster. Thread-safe.
/// </remarks>
internal sealed class ClusterEvents : ILiveChatEventSource, ILiveChatEventPublisher, IDisposable
{
    private readonly ChannelEventHub _hub;
    private readonly IGrainFactory _grains;
    private readonly IClusterMembershipService _membership;
    private readonly SiloAddress _self;
    private readonly LiveChatOptions _options;
    private readonly ILogger<ClusterEvents> _logger;
    private readonly ConcurrentDictionary<SiloAddress, SiloOutbox> _outboxes = new();
    private readonly Lock _gate = new();
    private Peers _peers = new(MembershipVersion.MinValue, []);

    public ClusterEvents(
        IOptions<LiveChatOptions> options,
        LiveChatMetrics metrics,
        IGrainFactory grains,
        IClusterMembershipService membership,
        ILocalSiloDetails silo,
        ILogger<ClusterEvents> logger)
    {
        _hub = new ChannelEventHub(options, metrics);
        _options = options.Value;
        _grains = grains;
        _membership = membership;
        _self = silo.SiloAddress;
        _logger = logger;
    }

    /// <inheritdoc />
    public EventSubscription Subscribe(WorkspaceId? workspace = null) => _hub.Subscribe(workspace);

    /// <summary>An event this silo committed: to this silo's subscribers, and on its way to every other silo's.</summary>
    public ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(liveChatEvent);
        foreach (var other in Others())
        {
            _outboxes.GetOrAdd(other, Open).Post(liveChatEvent);
        }

        return _hub.PublishAsync(liveChatEvent, cancellationToken);
    }

    /// <summary>An event another silo committed, for this silo's subscribers only.</summary>
    public ValueTask ReceiveAsync(LiveChatEvent liveChatEvent) => _hub.PublishAsync(liveChatEvent);

    public void Dispose()
    {
        foreach (var silo in _outboxes.Keys)
        {
            if (_outboxes.TryRemove(silo, out var outbox))
            {
                outbox.Dispose();
            }
        }
    }

    /// <summary>The other active silos, read again only when the membership changed; outboxes of departed silos are closed.</summary>
    private SiloAddress[] Others()
    {
        var snapshot = _membership.CurrentSnapshot;
        var peers = Volatile.Read(ref _peers);
        if (snapshot.Version == peers.Version)
        {
            return peers.Silos;
        }

        lock (_gate)
        {
            peers = new Peers(snapshot.Version, [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(_self)).Select(m => m.SiloAddress)]);
            Volatile.Write(ref _peers, peers);
            foreach (var gone in _outboxes.Keys.Except(peers.Silos))
            {
                if (_outboxes.TryRemove(gone, out var outbox))
                {
                    outbox.Dispose();
                }
            }

            return peers.Silos;
        }
    }

    private SiloOutbox Open(SiloAddress silo)
        => new(_grains.GetGrain<ISiloEventsGrain>(silo.ToParsableString()), _options.EventBufferCapacity, _logger);

    /// <summary>The other active silos as of one membership version.</summary>
    private sealed record Peers(MembershipVersion Version, SiloAddress[] Silos);
}
