using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Routing;

/// <summary>What the timers post into the workspace router, and the reads that keep its table equal to the store.</summary>
internal sealed partial class WorkspaceRouter
{
    /// <summary>
    /// Sets <paramref name="agents"/> in the table as the store holds them: status, heartbeat, capacity, teams and open
    /// count. Every stored change of an agent, or of an agent's load, reads afterwards, and of concurrent reads only the
    /// latest started is applied, so the table ends equal to the store once changes stop, in whatever order the reads
    /// return.
    /// </summary>
    /// <returns>Whether an agent became able to take more, so the backlog should be routed.</returns>
    public async ValueTask<bool> RefreshAsync(IReadOnlyList<AgentId> agents, CancellationToken cancellationToken)
    {
        var more = false;
        foreach (var id in agents)
        {
            long ticket;
            int ordinal;
            lock (_gate)
            {
                ordinal = _table.Find(id);
                ticket = ++_table[ordinal].ReadsStarted;
            }

            var now = _context.Time.GetUtcNow(); // presence is judged when the read was taken (see PresenceDueAsync)
            var stored = await _context.Agents.FindAgentAsync(Workspace, id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                continue;
            }

            DurablePresence.Write? write;
            lock (_gate)
            {
                var slot = _table[ordinal];
                if (ticket <= slot.ReadApplied)
                {
                    continue;
                }

                slot.ReadApplied = ticket;
                var wasRoutable = slot.Routable;
                var load = slot.Load;
                _table.Upsert(stored, _presence.IsPresent(stored, now), now.UtcTicks);
                more |= (!wasRoutable && slot.Routable) || slot.Load < load;
                _presence.Seen(slot, stored.LastSeenAt);
                _requeue.Schedule(slot, now);
                write = _durable.Track(slot, _requeue.IsArmed(slot.Id), now);
            }

            await DurableAsync(write, cancellationToken).ConfigureAwait(false);
        }

        return more;
    }

    /// <summary>Confirms changed loads from the store; within this router's own pass, once per batch instead (see DrainBatchAsync).</summary>
    private async ValueTask<bool> RefreshLoadsAsync(List<AgentId> agents, CancellationToken cancellationToken)
    {
        if (PassOf.Value != this)
        {
            return await RefreshAsync(agents, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _passRefreshes.UnionWith(agents);
        }

        return false;
    }

    /// <summary>How long a lease whose expiry failed (the store did not answer) waits, on the engine's clock, before it is tried again.</summary>
    internal static readonly TimeSpan OfferExpiryRetry = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An offer's lease ran out: ends it, if it is still the live one; the conversation then goes to the next agent. If the
    /// change fails, the failure is logged and the lease is armed again <see cref="OfferExpiryRetry"/> later; the offer's
    /// due item (<see cref="ExpireDueOfferAsync"/>) also tries it again, through a cluster's sweep.
    /// </summary>
    private async Task OfferDueAsync(ConversationId conversationId, CancellationToken cancellationToken)
    {
        long token;
        lock (_gate)
        {
            if (!_offers.TryGet(conversationId, out var held) || held.Token == 0)
            {
                return;
            }

            token = held.Token;
        }

        // The lease read may be newer than the timer that fired (the offer's due item ended the offer meanwhile, and the
        // drain made the next one): only a stored offer with the lease's token whose time has come is ended. One whose
        // time has not come (that newer lease, or a timer firing early) keeps a timer for its own instant.
        var now = _context.Time.GetUtcNow();
        try
        {
            var after = await ExpireOfferAsync(conversationId, offer => offer.Token == token && offer.ExpiresAt <= now, cancellationToken).ConfigureAwait(false);
            if (after.Routing?.Offer is { } live && live.Token == token && live.ExpiresAt > now)
            {
                lock (_gate)
                {
                    if (_offers.TryGet(conversationId, out var held) && held.Token == token && !_offers.IsArmed(conversationId))
                    {
                        _offers.Arm(conversationId, live.ExpiresAt);
                    }
                }
            }
        }
        catch (ConversationNotFoundException)
        {
            // Erased meanwhile: no offer left to end, nothing to try again.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RoutingFailed(_context.Logger, ex, Workspace);
            lock (_gate)
            {
                if (_offers.TryGet(conversationId, out var held) && held.Token == token && !_offers.IsArmed(conversationId))
                {
                    _offers.Arm(conversationId, _context.Time.GetUtcNow() + OfferExpiryRetry);
                }
            }
        }
    }

    /// <summary>
    /// The offer's due item came due (feature R7; a sweep or a conversation's timer, in a cluster maybe on another server):
    /// ends the conversation's offer if its lease has run out by this router's clock. Unlike the lease's own timer it
    /// throws when the change fails, so the item stays due and is tried again. A conversation no longer stored has no
    /// offer to end.
    /// </summary>
    /// <returns>
    /// When the stored offer's lease has not run out by this router's clock (the item's server's clock is ahead, or the
    /// offer is a newer one), the instant it runs to, for the item to be kept until then; otherwise <see langword="null"/>.
    /// </returns>
    public async ValueTask<DateTimeOffset?> ExpireDueOfferAsync(ConversationId conversationId, CancellationToken cancellationToken)
    {
        var now = _context.Time.GetUtcNow();
        try
        {
            var after = await ExpireOfferAsync(conversationId, offer => offer.ExpiresAt <= now, cancellationToken).ConfigureAwait(false);
            return after.Routing?.Offer is { } live && live.ExpiresAt > now ? live.ExpiresAt : null;
        }
        catch (ConversationNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Ends the conversation's offer if <paramref name="expired"/> says so of the stored one; fenced by the store's version.
    /// Returns the conversation as stored after: without the offer when it ended it, else as it was read.
    /// </summary>
    private async Task<Conversation> ExpireOfferAsync(ConversationId conversationId, Func<RoutingOffer, bool> expired, CancellationToken cancellationToken)
    {
        var ended = false;
        var after = await _context.Commands.ChangeAsync(Workspace, conversationId, c =>
        {
            // Set on every attempt: the change is decided again after a concurrency conflict.
            ended = c.Routing?.Offer is { } offer && expired(offer);
            return ended ? new ConversationCommands.Change(c with { Routing = c.Routing! with { Offer = null, PreviousOffer = c.Routing.Offer } }, []) : null;
        }, cancellationToken).ConfigureAwait(false);
        if (ended)
        {
            _context.Metrics.OfferExpired(Workspace);
        }

        return after;
    }

    /// <summary>
    /// An agent's heartbeat timer fired. Heartbeats may have reached another node, so the store has the last word: only
    /// if it holds no heartbeat within the timeout either does the agent stop receiving conversations.
    /// </summary>
    private async Task PresenceDueAsync(AgentId agentId, CancellationToken cancellationToken)
    {
        try
        {
            // The time is taken before the read: a heartbeat the read missed came after it, so the read is judged at
            // the moment it was taken. Judged at a later time (the clock moved while it ran), a heartbeat recorded in
            // between would be missed and a present agent lapsed.
            var now = _context.Time.GetUtcNow();
            var stored = await _context.Agents.FindAgentAsync(Workspace, agentId, cancellationToken).ConfigureAwait(false);
            DurablePresence.Write? write;
            bool lapsed;
            lock (_gate)
            {
                var ordinal = _table.Find(agentId);
                if (ordinal == RoutingTable.NoAgent)
                {
                    return;
                }

                lapsed = _presence.Lapsed(_table[ordinal], stored, now);
                if (lapsed)
                {
                    _table.SetPresent(ordinal, false, now.UtcTicks);
                    _requeue.Schedule(_table[ordinal], now);
                }

                // Still present (its timer moved on) or just gone (the requeue grace started): the due work follows.
                write = _durable.Track(_table[ordinal], _requeue.IsArmed(agentId), now);
            }

            await DurableAsync(write, cancellationToken).ConfigureAwait(false);
            if (!lapsed)
            {
                return;
            }

            Log.PresenceLapsed(_context.Logger, Workspace, agentId, _context.Routing.PresenceTimeout);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RoutingFailed(_context.Logger, ex, Workspace);
        }
    }

    /// <summary>
    /// An agent's requeue grace ran out: if they are still offline or silent, here and in the store, their conversations
    /// go back to the queue (feature R6).
    /// </summary>
    private async Task RequeueDueAsync(AgentId agentId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var ordinal = _table.Find(agentId);
            if (ordinal == RoutingTable.NoAgent || !AbsentAgentRequeue.IsGone(_table[ordinal]))
            {
                return;
            }
        }

        try
        {
            if (await _requeue.RequeueAsync(agentId, cancellationToken).ConfigureAwait(false) is { } requeued)
            {
                DurablePresence.Write? done;
                lock (_gate)
                {
                    done = _durable.Done(agentId);
                }

                await DurableAsync(done, cancellationToken).ConfigureAwait(false);
                Log.Requeued(_context.Logger, Workspace, agentId, requeued);
            }
            else if (await RefreshAsync([agentId], cancellationToken).ConfigureAwait(false))
            {
                // Back (seen by another node): the agent can take conversations again, so the backlog is routed.
                await DrainAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RoutingFailed(_context.Logger, ex, Workspace);
        }
    }

    /// <summary>Records the agent's timers as due work (see <see cref="DurablePresence"/>); off the lock.</summary>
    private ValueTask DurableAsync(DurablePresence.Write? write, CancellationToken cancellationToken)
        => _durable.ApplyAsync(write, cancellationToken);
}
