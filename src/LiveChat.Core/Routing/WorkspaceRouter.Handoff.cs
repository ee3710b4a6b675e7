using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Flow;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Routing;

/// <summary>
/// A handoff's answer (issue 15: a call awaits its own conversation's reaction, never the drain of others): a conversation
/// that enters the backlog is placed at once on the caller's flow when no older request competes for its agent, else the
/// caller waits for the pass that decides it (features R3–R7).
/// </summary>
internal sealed partial class WorkspaceRouter
{
    /// <summary>
    /// Callers waiting for one conversation's placement (<see cref="DecidedAsync"/>), not yet taken by a pass, and those
    /// the running pass took when it started: it answers each when it places that conversation, and the rest when it
    /// ends. Guarded by the lock.
    /// </summary>
    private Dictionary<ConversationId, TaskCompletionSource> _undecided = [];
    private Dictionary<ConversationId, TaskCompletionSource> _passUndecided = [];

    /// <summary>
    /// Asks for a drain and waits only until <paramref name="conversationId"/>, which has just entered the backlog, is
    /// decided: placed (its commit returned, its seat counted), or left waiting by a whole pass that started after the
    /// request. The pass runs off the caller's path, so the rest of it (other conversations' placements, the batch's read
    /// of the agents) is not part of the caller's answer (issue 15: a handoff's answer never includes the drain of others).
    /// </summary>
    private Task DecidedAsync(ConversationId conversationId, CancellationToken cancellationToken)
    {
        if (PassOf.Value == this)
        {
            _drain.Poke();
            return Task.CompletedTask;
        }

        TaskCompletionSource decided;
        lock (_gate)
        {
            if (!_undecided.TryGetValue(conversationId, out decided!))
            {
                decided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _undecided.Add(conversationId, decided);
            }
        }

        _drain.Poke();
        if (_context.Work.IsStopped)
        {
            // The engine stops: no pass will run.
            decided.TrySetResult();
        }

        return decided.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// A conversation has just entered the backlog: when no older request could take a seat now, it is placed at once, on
    /// the caller's flow, beside any pass in progress (a pass whose commit of another conversation is slow does not hold
    /// it up); else it waits for the pass that places the older requests first (<see cref="DecidedAsync"/>). Alert mode
    /// places nothing: its pass announces.
    /// </summary>
    private async Task PlaceOwnAsync(ConversationId conversationId, CancellationToken cancellationToken)
    {
        if (_context.RequestsWait || PassOf.Value == this || TakeOwn(conversationId) is not { } own)
        {
            await DecidedAsync(conversationId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var reactions = new List<ConversationDispatcher.AnswerTicket>(1);
        try
        {
            await PlaceAsync(own, reactions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store failed: the conversation waits in the backlog again (Settle), for the pass.
            Log.RoutingFailed(_context.Logger, ex, Workspace);
        }
        finally
        {
            _context.Commands.RunDetached(reactions);

            // A pass confirms the agent's load from the store, off the caller's path.
            _drain.Poke();
        }

        bool waits;
        lock (_gate)
        {
            waits = _backlog.Contains(conversationId);
        }

        if (waits)
        {
            // The store refused the agent or failed: the pass decides again.
            await DecidedAsync(conversationId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Decides the placement of <paramref name="conversationId"/> under the lock, holding its seat, if it waits in the
    /// backlog, someone can take it now, and no older waiting request could be given that agent (oldest first stays the
    /// rule for every seat they compete for).
    /// </summary>
    private Placement? TakeOwn(ConversationId conversationId)
    {
        lock (_gate)
        {
            if (!_table.AnyoneAvailable || !_backlog.TryGet(conversationId, out var own))
            {
                return null;
            }

            var decision = _table.Decide(own.Target, _context.Routing.Strategy, own.Exclude);
            if (!decision.Found)
            {
                return null;
            }

            foreach (var waiting in _backlog)
            {
                if (waiting.Id == conversationId)
                {
                    break;
                }

                if (_table.Competes(_table.Decide(waiting.Target, _context.Routing.Strategy, waiting.Exclude), decision.Ordinal))
                {
                    // An older request could take this agent now: the pass places it first.
                    return null;
                }
            }

            if (!_table.Apply(decision, _context.Time.GetUtcNow().UtcTicks))
            {
                return null;
            }

            var placement = new Placement(own, decision.Ordinal, AgentAt(decision.Ordinal));
            Take(placement);
            return placement;
        }
    }

    /// <summary>Answers whoever waits for <paramref name="conversationId"/>'s placement: it is placed, or waits no more. Under the lock.</summary>
    private void Decided(ConversationId conversationId)
    {
        if (_passUndecided.Remove(conversationId, out var decided) || _undecided.Remove(conversationId, out decided))
        {
            decided.TrySetResult();
        }
    }
}
