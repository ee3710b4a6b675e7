using LiveChat.Core.Internal;

namespace LiveChat.Core.Flow;

/// <content>The reactions of a routing drain's batch of placements, run off the drain in one background run.</content>
internal sealed partial class ConversationDispatcher
{
    /// <summary>
    /// For commits whose caller does not wait for their reactions (routing's drain placing a batch of waiting requests:
    /// a conversation's routing reaction may wait for that very drain): their answer lanes run off the caller's flow,
    /// one lane after another in one tracked background run, not one run per conversation.
    /// </summary>
    /// <remarks>
    /// One run for the batch keeps a drain of thousands of conversations from starting thousands of work items that
    /// contend with the drain for the cores and its locks. The run takes only the lanes whose next event is the ticket's
    /// (a placement's reactions are in-memory bookkeeping and notifications: routing counted the seat already, and the
    /// bot only disarms a timer), handles that event and hands whatever the conversation committed after it to a run of
    /// its own, so no conversation's other reactions (a drain to wait for, a store call) hold up the rest of the batch.
    /// A lane held by another runner, or with an earlier event whose caller is about to run it, is left to that runner.
    /// When the engine stops first, the lanes the run never reached are let go, and their waiting callers cancelled.
    /// </remarks>
    public void Detach(List<AnswerTicket> tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        List<AnswerTicket>? lanes = null;
        lock (_gate)
        {
            foreach (var ticket in tickets)
            {
                if (ticket is { Lane: { Running: false } lane, Reaction: { Handled: false } reaction }
                    && lane.Pending.TryPeek(out var next) && next == reaction)
                {
                    lane.Running = true;
                    (lanes ??= new(tickets.Count)).Add(ticket);
                }
            }
        }

        if (lanes is null)
        {
            return;
        }

        bool started;
        using (ExecutionContext.SuppressFlow())
        {
            started = _work.Run(stopping => RunBatchAsync(lanes, stopping), "reactions of the conversations a drain placed");
        }

        if (!started)
        {
            // The engine stopped: no run will handle these lanes.
            Release(lanes, 0);
        }
    }

    /// <summary>Runs a drain batch's lanes (see <see cref="Detach"/>); the lanes it does not get to are let go.</summary>
    private async Task RunBatchAsync(List<AnswerTicket> lanes, CancellationToken stopping)
    {
        var next = 0;
        try
        {
            for (; next < lanes.Count; next++)
            {
                await RunAsync(lanes[next].Lane!, stopping, until: lanes[next].Reaction).ConfigureAwait(false);
            }
        }
        finally
        {
            if (next < lanes.Count)
            {
                // The engine stops (a reaction's cancellation ended the run): nobody will run these lanes.
                Release(lanes, next);
            }
        }
    }

    /// <summary>Lets go of a batch's lanes from <paramref name="from"/> on, which no run will handle (the engine stops); see <see cref="Abandon"/>.</summary>
    private void Release(List<AnswerTicket> lanes, int from)
    {
        for (var i = from; i < lanes.Count; i++)
        {
            Abandon(lanes[i].Lane!, null);
        }
    }
}
