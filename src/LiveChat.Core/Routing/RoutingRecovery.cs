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
/// <see cref="DurablePresence"/>), so a process that starts also loads every workspace with an agent to look at again (an
/// agent who went silent or offline holding conversations), whose requeue then runs on its timers with no other call.
/// In a cluster, when such an item comes due in a sweep, the agent is handed to its workspace's router as a changed
/// agent, which loads the table if no process had it and looks at the agent again (and records its next item).
/// Thread-safe.
/// </para>
/// </remarks>
internal sealed class RoutingRecovery : IConversationReactor, ILiveChatStartTask, IDueWorkOwner
{
    private const int MaxRecovered = 100_000;
    private readonly IDueWorkStore _store;
    private readonly IRoutingPort _router;
    private readonly IAgentStore _agents;
    private readonly DueWorkScheduler _offers;

    public RoutingRecovery(IDueWorkStore store, BackgroundWork work, IRoutingPort router, IAgentStore agents)
    {
        _store = store;
        _router = router;
        _agents = agents;
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

    /// <summary>Loads the routing table of every workspace with routing due work pending in the store, then re-arms the items.</summary>
    public async ValueTask RunAsync(CancellationToken cancellationToken)
    {
        var pending = await _store.ListDueAsync(DateTimeOffset.MaxValue, MaxRecovered, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var workspace in pending.Where(i => _offers.Handles(i.Kind)).Select(i => i.Workspace).Distinct())
        {
            await LoadAsync(workspace, cancellationToken).ConfigureAwait(false);
        }

        await _offers.RunAsync(cancellationToken).ConfigureAwait(false);
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
