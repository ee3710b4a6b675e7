using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Flow;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Routing;

/// <summary>
/// Makes a restarted process re-arm the routing timers (offer expiry, feature R7, and with it the presence grace and the
/// requeue of the same workspace, features R1, R6) without waiting for traffic.
/// </summary>
/// <remarks>
/// <para>
/// Each offer made is recorded as <see cref="DueWorkKind.OfferExpiry"/> due work at its lease end. The router keeps its
/// own lease timers and re-arms them from the stored conversations and agents when it loads a workspace's table; what
/// this adds is the durable list of workspaces that have such timers pending. At start, it loads the table of every
/// workspace with an offer pending in the store, so the router arms its timers then. An item that comes due asks the
/// router (loading its table if no process had it) to end the conversation's offer if its lease has run out by then:
/// the router's own timer does the same, and both are fenced by the stored offer and the conversation's version, so an
/// offer expires once however many processes try. Since that may run twice, an item is completed only after it
/// succeeded: one that failed (the store did not answer, or in a cluster the router's server has just died) stays due
/// for the next sweep (a cluster's reminder tick) or a process's next start, instead of being lost with the router's
/// timers. When the router finds the offer still running by its own clock, the item is scheduled again for then.
/// </para>
/// <para>
/// The presence and requeue timers are recorded too (<see cref="DueWorkKind.PresenceGrace"/>, one item per agent, see
/// <see cref="DurablePresence"/>). A process that starts loads every workspace with such an item due already (an agent
/// who went silent or offline holding conversations while no process ran), whose requeue then runs with no other call;
/// an item due later is armed on a timer of this process instead, and when it comes due the agent is handed to its
/// workspace's router as a changed agent, which loads the table then. A start therefore costs one table load per
/// workspace with an agent to look at now, not one per workspace with an agent who was ever present. An armed item that
/// a router moved later meanwhile belongs to that router's own timers (a sweep's, in a cluster) and is dropped. In a
/// cluster, an item that comes due in a sweep is handled the same way. Thread-safe.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The semaphore is only awaited (WaitAsync), which never creates the wait handle its Dispose would free.")]
internal sealed class RoutingRecovery : IConversationReactor, ILiveChatStartTask, IDueWorkOwner
{
    private const int MaxRecovered = 100_000;

    /// <summary>What a start reads: routing's own items, none of the playbooks' or the reply mailer's.</summary>
    private static readonly DueWorkKind[] RecoveredKinds = [DueWorkKind.OfferExpiry, DueWorkKind.PresenceGrace];

    private readonly IDueWorkStore _store;
    private readonly IRoutingPort _router;
    private readonly IAgentStore _agents;
    private readonly DueWorkScheduler _offers;
    private readonly TimeProvider _time;

    /// <summary>The presence items a start found due later, armed for when they come due (the scheduler's timers key conversations).</summary>
    private readonly KeyedTimers<(WorkspaceId Workspace, AgentId Agent)> _presence;

    /// <summary>
    /// One recovered presence item at a time: items a start armed may come due together (a clock moved in one jump, or
    /// many agents' lapses close together), and each may load a workspace; one by one, as the start's own loads, they
    /// never crowd the store's connections that callers need.
    /// </summary>
    private readonly SemaphoreSlim _looking = new(1, 1);

    public RoutingRecovery(IDueWorkStore store, BackgroundWork work, IRoutingPort router, IAgentStore agents)
    {
        _store = store;
        _router = router;
        _agents = agents;
        _time = work.Time;
        _presence = work.CreateTimers<(WorkspaceId, AgentId)>(PresenceDueAsync, "presence due work");
        _offers = new DueWorkScheduler(store, work, new Dictionary<DueWorkKind, Func<DueWork, CancellationToken, Task>>
        {
            [DueWorkKind.OfferExpiry] = (item, ct) => OfferDueAsync(item, ct).AsTask(),
            [DueWorkKind.PresenceGrace] = (item, ct) => LookAtAgentAsync(item, ct).AsTask(),
        },
        rerunnable: true);
    }

    /// <inheritdoc />
    public DueWorkScheduler DueWork => _offers;

    /// <summary>Agent notifications travel the notify lane: the offer's due work is recorded off the caller's path.</summary>
    public ReactorLane Lane => ReactorLane.Notify;

    /// <summary>Only the notice of an offer made.</summary>
    public bool Wants(FlowEvent flowEvent) => Offered(flowEvent) is not null;

    public async ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken)
    {
        if (Offered(flowEvent) is { Offer: { } offer } offered)
        {
            await _offers.ScheduleAsync(offered.Workspace, offered.ConversationId, DueWorkKind.OfferExpiry, offer.ExpiresAt, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Loads the routing table of every workspace with an offer pending in the store or an agent due to be looked at now,
    /// arms the presence items due later, then re-arms the offer items.
    /// </summary>
    public async ValueTask RunAsync(CancellationToken cancellationToken)
    {
        var pending = await _store.ListPendingAsync(RecoveredKinds, MaxRecovered, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var load = new HashSet<WorkspaceId>();
        foreach (var item in pending)
        {
            if (item.Kind == DueWorkKind.PresenceGrace && item.DueAt > now && AgentId.TryParse(item.Subject, null, out var agent))
            {
                _presence.TryArm((item.Workspace, agent), item.DueAt - now);
            }
            else if (_offers.Handles(item.Kind))
            {
                load.Add(item.Workspace);
            }
        }

        foreach (var workspace in load)
        {
            await LoadAsync(workspace, cancellationToken).ConfigureAwait(false);
        }

        _offers.Rearm(pending);
    }

    /// <summary>
    /// A presence item a start armed came due: run as a sweep would, unless it was moved later or removed meanwhile (the
    /// router that did it has its own timers for it).
    /// </summary>
    private async Task PresenceDueAsync((WorkspaceId Workspace, AgentId Agent) key, CancellationToken cancellationToken)
    {
        await _looking.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // TryRunAsync runs the item only if it is due: one moved later meanwhile is left to the router that moved it.
            if (await _store.FindAsync(key.Workspace, key.Agent.Value, DueWorkKind.PresenceGrace, cancellationToken).ConfigureAwait(false) is { } item)
            {
                await _offers.TryRunAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The store or the router failed (a store timing out): the item stays due; look again as the router's timers do.
            _presence.TryArm(key, WorkspaceRouter.OfferExpiryRetry);
            throw;
        }
        finally
        {
            _looking.Release();
        }
    }

    private static AgentNotification? Offered(FlowEvent flowEvent)
        => flowEvent is HostNoticeEvent { Event: AgentNotification { Kind: AgentNotificationKind.Offered, Offer: not null } offered } ? offered : null;

    /// <summary>
    /// An agent's presence or requeue item came due: their workspace's router looks at them again as a changed agent
    /// (loading the table if no process had it). An agent no longer registered only loads the table.
    /// </summary>
    private async ValueTask LookAtAgentAsync(DueWork item, CancellationToken cancellationToken)
    {
        if (await _agents.FindAgentAsync(item.Workspace, new AgentId(item.Subject), cancellationToken).ConfigureAwait(false) is { } agent)
        {
            await _router.AgentChangedAsync(agent, cancellationToken).ConfigureAwait(false);
            return;
        }

        await LoadAsync(item.Workspace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An offer's item came due: the workspace's router (loading its table if no process had it) ends the offer if its lease
    /// has run out. When by the router's clock it has not (this server's clock is ahead of the router's, or the offer is
    /// a newer one), the item is scheduled again for the instant the offer runs to: a new generation, so this run does
    /// not complete it. An item whose subject is not a conversation id (written by hand) only loads the table.
    /// </summary>
    private async ValueTask OfferDueAsync(DueWork item, CancellationToken cancellationToken)
    {
        if (ConversationId.TryParse(item.Subject, null, out var conversationId))
        {
            if (await _router.OfferDueAsync(item.Workspace, conversationId, cancellationToken).ConfigureAwait(false) is { } runsTo)
            {
                await _offers.ScheduleAsync(item.Workspace, conversationId, DueWorkKind.OfferExpiry, runsTo, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await LoadAsync(item.Workspace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the workspace's routing table through the router's existing entry point; once loaded, a lookup.</summary>
    private async ValueTask LoadAsync(WorkspaceId workspace, CancellationToken cancellationToken)
        => await _router.IsAvailableAsync(workspace, RoutingTarget.Workspace, cancellationToken).ConfigureAwait(false);
}
