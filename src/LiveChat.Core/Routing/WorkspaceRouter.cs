using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Routing;

/// <summary>
/// The routing of one workspace (features R1–R8, N1): owns its <see cref="RoutingTable"/>, backlog, offer leases,
/// presence and requeue timers, and the one lock that guards them all. Timers and drains post into it; nothing else
/// touches its state.
/// </summary>
/// <remarks>
/// <para>
/// Every routing step is a pure decision on the table followed by one atomic apply: the table holds the agent's seat,
/// then the conversation is committed with an optimistic version check, and the store re-checks the agent's status,
/// heartbeat and capacity in the same transaction. A refused commit releases the seat, refreshes the agent from the
/// store and routes the conversation again.
/// </para>
/// <para>
/// Routing is event-driven: a new request, a freed seat, an agent coming online or back to life, and an offer expiring
/// each ask for a drain of the backlog, oldest first, on a <see cref="SingleFlightWorker"/>: one drain at a time, and
/// a request while one runs makes it go round once more. Thread-safe.
/// </para>
/// </remarks>
internal sealed partial class WorkspaceRouter : IDisposable
{
    private readonly RoutingContext _context;
    private readonly Lock _gate = new();
    private readonly RoutingTable _table = new();
    private readonly Backlog _backlog = new();

    /// <summary>The newest version observed of each conversation not ended.</summary>
    private readonly Dictionary<ConversationId, long> _versions = [];
    private readonly OfferLeases _offers;
    private readonly AgentPresence _presence;
    private readonly AbsentAgentRequeue _requeue;
    private readonly AgentNotifier _notifier;
    private readonly DurablePresence _durable;

    public WorkspaceRouter(RoutingContext context, WorkspaceId workspace)
    {
        _context = context;
        Workspace = workspace;
        var name = workspace.Value;
        _offers = new OfferLeases(context.Work, OfferDueAsync, $"routing offer lease in workspace {name}");
        _presence = new AgentPresence(context.Work, context.Routing, PresenceDueAsync, $"routing presence in workspace {name}");
        _requeue = new AbsentAgentRequeue(context, workspace, RequeueDueAsync, $"routing requeue in workspace {name}");
        _notifier = new AgentNotifier(context.Events, workspace);
        _durable = new DurablePresence(context.DueWork, workspace, context.Routing);
        _drain = context.Work.CreateWorker(DrainPassAsync, $"routing drain in workspace {name}");
        _drainRetry = context.Work.CreateTimers<bool>(
            (_, _) =>
            {
                _drain.Poke();
                return Task.CompletedTask;
            },
            $"routing drain retry in workspace {name}");
    }

    /// <summary>The workspace.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>How many conversations wait in the backlog.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _backlog.Count;
            }
        }
    }

    /// <summary>How many live offers hold a seat.</summary>
    public int LiveOffers
    {
        get
        {
            lock (_gate)
            {
                return _offers.Count;
            }
        }
    }

    /// <summary>Whether the conversation waits, unplaced, in the backlog.</summary>
    public static bool IsWaiting(Conversation c)
        => c.State is ConversationState.Unassigned or ConversationState.Offline && c.Routing is { Offer: null };

    /// <summary>Whether anyone eligible for <paramref name="target"/> is online, present and has free capacity (feature R2).</summary>
    public bool IsAvailable(RoutingTarget target)
    {
        lock (_gate)
        {
            return _table.HasAvailable(target);
        }
    }

    /// <summary>Every agent who could take a request for <paramref name="target"/> now, fallback team included: whom it alerts.</summary>
    public List<AgentId> AvailableFor(RoutingTarget target)
    {
        lock (_gate)
        {
            return _table.AvailableFor(target);
        }
    }

    /// <summary>Whether the target's team is defined and its agent known here; an unknown agent may still be in the store.</summary>
    public (bool HasTeam, bool HasAgent) Knows(RoutingTarget target)
    {
        lock (_gate)
        {
            return (target.Team is not { } team || _table.HasTeam(team), target.Agent is not { } agent || _table.Find(agent) != RoutingTable.NoAgent);
        }
    }

    /// <summary>Whether the agent is in the table, and if so whether they can take a conversation now.</summary>
    public bool? IsRoutable(AgentId agentId)
    {
        lock (_gate)
        {
            var ordinal = _table.Find(agentId);
            return ordinal == RoutingTable.NoAgent ? null : _table[ordinal].Routable;
        }
    }

    /// <summary>Defines or redefines a team (table loading and <see cref="TeamDefinedAsync"/>).</summary>
    public void DefineTeam(Team team)
    {
        lock (_gate)
        {
            _table.DefineTeam(team);
        }
    }

    /// <summary>
    /// Sets a stored agent in the table, arming their presence and requeue timers (table loading). An agent found gone
    /// has their grace counted from when the store says they went (see <see cref="AbsentAgentRequeue.GoneSince"/>), so one
    /// who went while no process had the table (a restart) is not given a second grace.
    /// </summary>
    public void RestoreAgent(Agent agent, DateTimeOffset now)
    {
        lock (_gate)
        {
            var slot = _table[_table.Upsert(agent, _presence.IsPresent(agent, now), now.UtcTicks)];
            _presence.Seen(slot, agent.LastSeenAt);
            _requeue.Schedule(slot, AbsentAgentRequeue.GoneSince(agent, _context.Routing, _context.HeartbeatsStored, now));
        }
    }

    /// <summary>
    /// Takes a stored unassigned conversation with a routing ticket into the backlog (table loading). A live offer from
    /// before a restart keeps holding its agent's seat, and its lease runs again until it is accepted or expires.
    /// </summary>
    public void RestoreWaiting(Conversation c, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (c.Routing!.Offer is { } offer)
            {
                var ordinal = _table.Find(offer.AgentId);
                if (ordinal != RoutingTable.NoAgent)
                {
                    _table.Hold(ordinal, now.UtcTicks);
                    _offers.Hold(c.Id, ordinal, offer.Token);
                    _offers.Arm(c.Id, offer.ExpiresAt);
                }
            }
            else
            {
                _backlog.Enqueue(WaitingConversation.Of(c), c);
            }
        }
    }

    /// <summary>A team was defined or changed in the store.</summary>
    public Task TeamDefinedAsync(Team team, CancellationToken cancellationToken)
    {
        DefineTeam(team);
        return DrainAsync(cancellationToken);
    }

    /// <summary>An agent was registered, changed status or sent a heartbeat; <paramref name="agent"/> is the stored record.</summary>
    public async Task AgentChangedAsync(Agent agent, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_table.Find(agent.Id) == RoutingTable.NoAgent)
            {
                var now = _context.Time.GetUtcNow();
                _table.Upsert(agent, _presence.IsPresent(agent, now), now.UtcTicks);
            }
        }

        // The snapshot may be older than one a concurrent call already applied: read the agent again, in ticket order.
        await RefreshAsync([agent.Id], cancellationToken).ConfigureAwait(false);
        await DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A change of a conversation was stored by this process: keep loads, offers and the backlog in step, notify agents
    /// (feature N1), and route whatever the change made possible.
    /// </summary>
    public async Task ObserveAsync(Conversation before, Conversation after, CancellationToken cancellationToken)
    {
        var now = _context.Time.GetUtcNow();
        var notifications = new List<AgentNotification>();
        var ownerBefore = before.State == ConversationState.Assigned ? before.AssignedAgentId : null;
        var ownerAfter = after.State == ConversationState.Assigned ? after.AssignedAgentId : null;
        var offerBefore = before.Routing?.Offer;
        var offerAfter = after.Routing?.Offer;
        var drain = false;
        var entered = false;
        List<AgentId>? loadsToRead = null;
        lock (_gate)
        {
            if (ownerBefore != ownerAfter)
            {
                foreach (var changed in (ReadOnlySpan<AgentId?>)[ownerBefore, ownerAfter])
                {
                    if (changed is { } id && _table.Find(id) is var o && o != RoutingTable.NoAgent)
                    {
                        // Count the change at once, then confirm it from the store: see RefreshAsync. The drain's own
                        // assignment counts once, as the seat it holds: see DrainAssignments.
                        var seen = changed == ownerAfter ? _assignments.Assigned(after.Id, o, after.Version) : DrainAssignments.Seen.Other;
                        if (seen == DrainAssignments.Seen.First)
                        {
                            _table.Seat(o, now.UtcTicks);
                        }
                        else if (seen == DrainAssignments.Seen.Other)
                        {
                            _table.AddOpen(o, changed == ownerAfter ? 1 : -1, now.UtcTicks);
                        }

                        if (seen != DrainAssignments.Seen.Counted)
                        {
                            // A placement counted when its commit returned is confirmed by its batch's read of the agent.
                            (loadsToRead ??= []).Add(id);
                        }
                    }
                }

                drain |= ownerBefore is not null;
            }

            if (offerBefore is not null && offerBefore.Token != offerAfter?.Token
                && _offers.TryGet(after.Id, out var held) && held.Token == offerBefore.Token)
            {
                _offers.Remove(after.Id);
                _table.Release(held.Ordinal, now.UtcTicks);
                drain = true;
            }

            AgentNotifier.OfferChanged(after, offerBefore, offerAfter, ownerAfter, now, notifications);
            entered = Track(before, after, offerBefore, offerAfter, ownerAfter, now, notifications);
        }

        AgentNotifier.OwnerChanged(before, after, ownerBefore, ownerAfter, now, notifications);
        await _notifier.PublishAsync(notifications, cancellationToken).ConfigureAwait(false);
        if (loadsToRead is not null)
        {
            drain |= await RefreshLoadsAsync(loadsToRead, cancellationToken).ConfigureAwait(false);
        }

        if (drain)
        {
            // A seat freed or an offer withdrawn: the caller sees what routing made of it, a whole pass.
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (entered)
        {
            // A handoff: its answer waits for this conversation's placement only, never for the drain of others.
            await PlaceOwnAsync(after.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A waiting conversation changed without moving (a detail): the backlog keeps the newer snapshot.</summary>
    public void Remember(Conversation after)
    {
        lock (_gate)
        {
            _backlog.Remember(after);
        }
    }

    /// <summary>A message was posted to a waiting conversation: the backlog's snapshot of it is stale, so its placement reads it.</summary>
    public void Forget(ConversationId conversationId)
    {
        lock (_gate)
        {
            _backlog.Forget(conversationId);
        }
    }

    /// <summary>Stops every timer of the workspace (offer leases, presence, requeue grace, drain retry).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _drainRetry.Dispose();
            _offers.Dispose();
            _presence.Dispose();
            _requeue.Dispose();
        }
    }

    /// <summary>Moves the conversation in or out of the backlog; under the lock. Returns whether it entered the backlog.</summary>
    private bool Track(Conversation before, Conversation after, RoutingOffer? offerBefore, RoutingOffer? offerAfter, AgentId? ownerAfter, DateTimeOffset now, List<AgentNotification> notifications)
    {
        // Observations of one conversation may arrive out of order; only the newest version moves it in or out of the backlog.
        var stale = _versions.TryGetValue(after.Id, out var seenVersion) && seenVersion >= after.Version;
        if (after.State == ConversationState.Ended)
        {
            _versions.Remove(after.Id);
        }
        else if (!stale)
        {
            _versions[after.Id] = after.Version;
        }

        if (stale)
        {
            return false;
        }

        if (!IsWaiting(after))
        {
            _backlog.Dequeue(after.Id, out _);
            _notifier.RequestTaken(after, ownerAfter, now, notifications);
            return false;
        }

        var exclude = offerBefore is not null && offerAfter is null ? _table.Find(offerBefore.AgentId) : RoutingTable.NoAgent;
        if (!_backlog.Enqueue(WaitingConversation.Of(after, exclude), after))
        {
            _backlog.Remember(after);
            return false;
        }

        if (_context.RequestsWait && !IsWaiting(before) && after.State == ConversationState.Unassigned)
        {
            _notifier.RequestWaiting(after, _table.AvailableFor(after.Routing!.Target), now, notifications);
        }

        return true;
    }

    /// <summary>Whether a caller waits for a drain pass that has not started yet. For tests.</summary>
    internal bool AwaitsNextPass
    {
        get
        {
            lock (_gate)
            {
                return _nextPass is not null;
            }
        }
    }

    /// <summary>
    /// When the engine stops, answers whoever waits for the next drain pass: a pass that gave up on the stop ends its
    /// worker, so the pass asked for meanwhile never runs (a caller arriving later sees the stop in DrainAsync). Under the lock.
    /// </summary>
    private void AnswerTheNextPassIfStopped()
    {
        if (!_context.Work.IsStopped)
        {
            return;
        }

        _nextPass?.TrySetResult();
        _nextPass = null;
        foreach (var decided in _undecided.Values)
        {
            decided.TrySetResult();
        }

        _undecided.Clear();
    }
}
