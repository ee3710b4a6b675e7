using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Flow;
using LiveChat.Core.Internal;
using LiveChat.Core.Transport;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Routing;

/// <summary>The drain: routes the backlog, oldest first, in batches decided under the lock and committed off it (features R3–R8).</summary>
internal sealed partial class WorkspaceRouter
{
    private const int DrainBatch = 256;

    /// <summary>The router whose drain pass this flow is running, if any: its own commits must not wait for a pass.</summary>
    private static readonly AsyncLocal<WorkspaceRouter?> PassOf = new();

    /// <summary>How long after a failed pass (the store did not answer), on the engine's clock, the backlog is routed again.</summary>
    internal static readonly TimeSpan DrainRetry = TimeSpan.FromSeconds(5);

    private readonly SingleFlightWorker _drain;

    /// <summary>Routes the backlog again after a failed pass; one key, armed once however many passes fail meanwhile.</summary>
    private readonly KeyedTimers<bool> _drainRetry;

    /// <summary>Completes when the next pass to start ends; guarded by the lock.</summary>
    private TaskCompletionSource? _nextPass;

    /// <summary>The drain's assignments whose commit or reaction is still to come. Guarded by the lock.</summary>
    private readonly DrainAssignments _assignments = new();

    /// <summary>Agents whose load the running pass's own commits changed: read once per batch, not once per commit. Guarded by the lock.</summary>
    private readonly HashSet<AgentId> _passRefreshes = [];

    /// <summary>Asks for a drain without waiting for it (table loading: requests from before a restart are routed at once).</summary>
    public void RequestDrain() => _drain.Poke();

    /// <summary>
    /// Asks for a drain and waits until a whole pass that started after the request has run, so the caller sees what
    /// routing made of its change. From within this router's own pass (a commit the drain made, or a publisher it
    /// called) it only asks: the running pass goes round once more.
    /// </summary>
    private Task DrainAsync(CancellationToken cancellationToken)
    {
        if (PassOf.Value == this)
        {
            _drain.Poke();
            return Task.CompletedTask;
        }

        TaskCompletionSource next;
        lock (_gate)
        {
            next = _nextPass ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // The caller waits anyway: when no pass runs, it runs the pass itself, with no thread hop.
        _drain.PokeInline();
        if (_context.Work.IsStopped)
        {
            // The engine stops: no pass will run.
            next.TrySetResult();
        }

        return next.Task.WaitAsync(cancellationToken);
    }

    /// <summary>One drain pass: routes or announces the backlog until nothing more can be placed.</summary>
    private async ValueTask DrainPassAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource? waiting;
        lock (_gate)
        {
            waiting = _nextPass;
            _nextPass = null;
            if (_undecided.Count > 0)
            {
                // This pass answers the placements asked before it started; those asked meanwhile, the next pass.
                (_passUndecided, _undecided) = (_undecided, _passUndecided);
            }
        }

        PassOf.Value = this;
        try
        {
            if (_context.RequestsWait)
            {
                await AnnounceAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            while (await DrainBatchAsync(cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Waiting requests are not left to the next event of the workspace, which may not come: the pass runs again.
            Log.RoutingFailed(_context.Logger, ex, Workspace);
            lock (_gate)
            {
                _drainRetry.TryArm(true, DrainRetry);
            }
        }
        finally
        {
            PassOf.Value = null;
            waiting?.TrySetResult();
            lock (_gate)
            {
                // Not placed by this whole pass: they wait in the backlog (or were announced), which is their answer.
                foreach (var decided in _passUndecided.Values)
                {
                    decided.TrySetResult();
                }

                _passUndecided.Clear();
                AnswerTheNextPassIfStopped();
            }
        }
    }

    /// <summary>Announces waiting requests to agents who became eligible since the last look (Alert mode, Manual strategy).</summary>
    private ValueTask AnnounceAsync(CancellationToken cancellationToken)
    {
        var notifications = new List<AgentNotification>();
        lock (_gate)
        {
            _notifier.Announce(_table, _backlog, _context.Time.GetUtcNow(), notifications);
        }

        return _notifier.PublishAsync(notifications, cancellationToken);
    }

    /// <summary>
    /// Decides a batch under the lock, then commits each decision. Returns whether it decided anything: a decision either
    /// placed its conversation or gave its seat back (the conversation stopped waiting before the commit, or the store
    /// refused and it waits again), and a seat given back may be the one a conversation skipped by this batch needs, so
    /// the drain goes round until a batch decides nothing.
    /// </summary>
    private async ValueTask<bool> DrainBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Placement>();
        lock (_gate)
        {
            var nowTicks = _context.Time.GetUtcNow().UtcTicks;

            // One record per agent of the batch (the slots do not change while the lock is held), not one per placement.
            Dictionary<int, Agent>? agents = null;
            foreach (var waiting in _backlog)
            {
                if (!_table.AnyoneAvailable || batch.Count == DrainBatch)
                {
                    break;
                }

                var decision = _table.Decide(waiting.Target, _context.Routing.Strategy, waiting.Exclude);
                if (decision.Found && _table.Apply(decision, nowTicks))
                {
                    agents ??= [];
                    if (!agents.TryGetValue(decision.Ordinal, out var agent))
                    {
                        agent = AgentAt(decision.Ordinal);
                        agents.Add(decision.Ordinal, agent);
                    }

                    batch.Add(new Placement(waiting, decision.Ordinal, agent));
                }
            }

            foreach (var placement in batch)
            {
                Take(placement);
            }
        }

        var reactions = new List<ConversationDispatcher.AnswerTicket>(batch.Count);
        var next = 0;
        try
        {
            for (; next < batch.Count; next++)
            {
                await PlaceAsync(batch[next], reactions, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // A placement that threw (the store failed, the engine stops) ends the batch: the ones not tried give their
            // seats back and wait again, for the next drain, instead of holding seats nobody will fill.
            for (var untried = next + 1; untried < batch.Count; untried++)
            {
                Settle(batch[untried], made: null, committed: 0, placed: false, retry: true);
            }

            // The batch's reactions run off the drain's flow, in one background run: they may wait for this drain.
            _context.Commands.RunDetached(reactions);
        }

        // The batch's commits already counted their seats; one read per agent confirms the counts from the store.
        List<AgentId> refreshes;
        lock (_gate)
        {
            refreshes = [.. _passRefreshes];
            _passRefreshes.Clear();
        }

        await RefreshAsync(refreshes, cancellationToken).ConfigureAwait(false);
        return batch.Count > 0;
    }

    /// <summary>The record of the agent at <paramref name="ordinal"/>, as the table holds it, for a placement's commit. Under the lock.</summary>
    private Agent AgentAt(int ordinal)
    {
        var slot = _table[ordinal];
        return new Agent { Workspace = Workspace, Id = slot.Id, DisplayName = slot.DisplayName, MaxConcurrentConversations = slot.Capacity, Status = slot.Status };
    }

    /// <summary>Takes a decided placement's conversation out of the backlog, with its snapshot, and registers its seat. Under the lock.</summary>
    private void Take(Placement placement)
    {
        _backlog.Dequeue(placement.Waiting.Id, out var snapshot);
        placement.Snapshot = snapshot;
        if (_context.Routing.Mode == RoutingMode.Offer)
        {
            // Registered before the commit, so an accept that races the commit's return still releases the seat.
            _offers.Hold(placement.Waiting.Id, placement.Ordinal, 0);
        }
        else
        {
            // Registered before the commit, so a reaction that races the commit's return takes the seat over.
            _assignments.Decided(placement.Waiting.Id, placement.Ordinal);
        }
    }

    /// <summary>Commits one decision: assigns or offers the conversation, if it still waits; else gives the seat back.</summary>
    private async ValueTask PlaceAsync(Placement placement, List<ConversationDispatcher.AnswerTicket> reactions, CancellationToken cancellationToken)
    {
        var (waiting, ordinal, agent) = (placement.Waiting, placement.Ordinal, placement.Agent);
        var offer = _context.Routing.Mode == RoutingMode.Offer;
        RoutingOffer? made = null;
        long committed = 0;
        var placed = false;
        var retry = false;
        var offeredAt = _context.Time.GetUtcNow();
        var expiresAt = offeredAt + _context.Routing.OfferTimeout;
        try
        {
            if (offer)
            {
                // The lease's end is in the store before the offer is: a process that stops or dies right after the commit
                // leaves it for the next to load (RoutingRecovery). One recorded for an offer the commit does not make
                // finds nothing to expire when it comes due.
                await _context.DueWork.ScheduleAsync(new DueWork(Workspace, waiting.Id.ToString(), DueWorkKind.OfferExpiry, expiresAt), cancellationToken).ConfigureAwait(false);
            }

            ConversationCommands.Change? Decide(Conversation c)
            {
                if (!IsWaiting(c))
                {
                    return null;
                }

                if (!offer)
                {
                    return AssignmentDecision.Assign(_context.Commands, c, agent, claim: true);
                }

                made = new RoutingOffer(agent.Id, c.Version + 1, offeredAt, expiresAt);
                lock (_gate)
                {
                    _offers.Hold(c.Id, ordinal, made.Token);
                }

                return new ConversationCommands.Change(c with { Routing = c.Routing! with { Offer = made } }, []);
            }

            var result = await _context.Commands.PlaceAsync(Workspace, waiting.Id, placement.Snapshot, Decide, reactions, cancellationToken).ConfigureAwait(false);
            placed = offer ? made is not null && result.Routing?.Offer == made : result.State == ConversationState.Assigned && result.AssignedAgentId == agent.Id;
            committed = result.Version;
            if (placed)
            {
                _context.Metrics.Routed(Workspace, offer);
            }
        }
        catch (Exception ex) when (ex is AgentNotAvailableException or AgentCapacityExceededException or AgentNotFoundException)
        {
            // The store knows better than the table (another node took the seat, or the agent left): refresh and retry.
            Log.AgentSkipped(_context.Logger, agent.Id, waiting.Id, ex.Message);
            retry = true;
            await SkippedAsync(ordinal, agent.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConversationNotFoundException or ConversationEndedException)
        {
            // Gone or ended meanwhile: nothing to route.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store failed (or worse): the conversation waits again, for the next drain; the pass ends with the error.
            retry = true;
            throw;
        }
        finally
        {
            Settle(placement, made, committed, placed, retry);
        }
    }

    /// <summary>
    /// After a commit: counts an assignment made and releases a seat not used, starts the lease of an offer made, and puts a
    /// retry back in the backlog.
    /// </summary>
    private void Settle(Placement placement, RoutingOffer? made, long committed, bool placed, bool retry)
    {
        var id = placement.Waiting.Id;
        var ordinal = placement.Ordinal;
        var now = _context.Time.GetUtcNow();
        lock (_gate)
        {
            if (_context.Routing.Mode != RoutingMode.Offer)
            {
                if (placed && _assignments.Committed(id, committed))
                {
                    // The placement counts now, not when its reaction runs off this drain's path. A read of the agent
                    // started before may miss it, so it is not applied; the batch reads the agent once more.
                    _table.Seat(ordinal, now.UtcTicks);
                    _table[ordinal].ReadApplied = _table[ordinal].ReadsStarted;
                    _passRefreshes.Add(placement.Agent.Id);
                }
                else if (!placed && _assignments.Abandoned(id))
                {
                    _table.Release(ordinal, now.UtcTicks);
                }
            }
            else if (!placed)
            {
                if (_offers.TryGet(id, out var held) && held.Ordinal == ordinal && (made is null || held.Token == made.Token))
                {
                    _offers.Remove(id);
                    _table.Release(ordinal, now.UtcTicks);
                }
            }
            else if (_offers.TryGet(id, out var held) && held.Token == made!.Token)
            {
                _offers.Arm(id, made.ExpiresAt);
            }

            if (retry)
            {
                _backlog.Enqueue(placement.Waiting, placement.Snapshot);
            }
            else
            {
                Decided(id);
            }
        }
    }

    /// <summary>The store refused the agent: the table takes the stored agent, keeping the presence it knows, and confirms the load.</summary>
    private async ValueTask SkippedAsync(int ordinal, AgentId agentId, CancellationToken cancellationToken)
    {
        if (await _context.Agents.FindAgentAsync(Workspace, agentId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return;
        }

        var now = _context.Time.GetUtcNow();
        lock (_gate)
        {
            var slot = _table[ordinal];
            _table.Upsert(stored with { OpenConversations = slot.Open }, _presence.IsPresent(stored, now) && slot.Present, now.UtcTicks);
        }

        await RefreshAsync([agentId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One decision of a batch: the conversation, the agent whose seat the table holds for it, and its snapshot.</summary>
    private sealed class Placement(WaitingConversation waiting, int ordinal, Agent agent)
    {
        public WaitingConversation Waiting { get; } = waiting;

        public int Ordinal { get; } = ordinal;

        public Agent Agent { get; } = agent;

        /// <summary>The backlog's snapshot of the conversation, if it held a current one.</summary>
        public Conversation? Snapshot { get; set; }
    }
}
