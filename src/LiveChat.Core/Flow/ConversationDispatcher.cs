using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Flow;

/// <summary>
/// The one-way flow's second half: takes the events each commit produced and hands them to the registered
/// <see cref="IConversationReactor"/>s, in commit order per conversation and reactor, with no reactor running inside the
/// commit that produced its event.
/// </summary>
/// <remarks>
/// <para>
/// Each conversation has two lanes. The <see cref="ReactorLane.Answer"/> lane (routing, the bot, the reply mailer) is
/// part of the request's answer: <see cref="AnswerAsync"/> runs it on the caller's flow when it is idle, or waits for the
/// caller's own event when another runner holds it. A reaction's own commit to the conversation it reacts to is queued
/// behind it and handled by the same runner, never awaited from inside it. The <see cref="ReactorLane.Notify"/> lane
/// (publishers, the transcript copy) always runs as tracked <see cref="BackgroundWork"/>, so a slow publisher delays
/// nobody's call; conversations never wait for each other's lanes, but for the in-memory placement reactions of one
/// drain batch, which <see cref="Detach"/> runs one after another (a caller of one of those conversations may wait for
/// the batch's earlier placements). An event that no reactor of a lane
/// <see cref="IConversationReactor.Wants"/> at enqueue time skips that lane: the notify lane for an event with no host
/// publisher, no hub subscriber for its workspace and no end to copy (no background work); the answer lane for a message
/// nobody reacts to (no waiting request to refresh, no owner to tell, no playbook that could answer, a reply window open
/// already), whose caller then returns at once. The events that do enter a lane keep their commit order.
/// </para>
/// <para>
/// <see cref="OrderAsync"/> serializes a conversation's commit and its enqueue, so events enter the lanes in the order
/// the store committed them. Reactors are resolved from the container on first use: they depend on the write path that
/// depends on this dispatcher. Thread-safe.
/// </para>
/// </remarks>
internal sealed partial class ConversationDispatcher
{
    /// <summary>The lane whose reactions this flow is running, so its own commits queue instead of waiting for themselves.</summary>
    private static readonly AsyncLocal<ConversationLane?> Reacting = new();

    private readonly Lock _gate = new();
    private readonly Dictionary<(ConversationId, ReactorLane), ConversationLane> _lanes = [];
    private readonly Lazy<IConversationReactor[][]> _reactors;
    private readonly BackgroundWork _work;
    private readonly ILogger<ConversationDispatcher> _logger;

    public ConversationDispatcher(IServiceProvider services, BackgroundWork work, ILogger<ConversationDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        _work = work;
        _logger = logger;
        _reactors = new(() =>
        {
            var all = services.GetServices<IConversationReactor>().ToArray();
            return [[.. all.Where(r => r.Lane == ReactorLane.Answer)], [.. all.Where(r => r.Lane == ReactorLane.Notify)]];
        });
    }

    /// <summary>Refuses a command once the engine is disposed, before it commits (see <see cref="BackgroundWork.ThrowIfDisposed"/>).</summary>
    /// <exception cref="EngineStoppedException">The engine's disposal finished.</exception>
    public void ThrowIfDisposed() => _work.ThrowIfDisposed();

    /// <summary>Whether the engine's stop began: from then on a lane no run will handle is let go, and its waiters cancelled.</summary>
    public bool IsStopping => _work.Stopping.IsCancellationRequested;

    /// <summary>
    /// Queues <paramref name="flowEvent"/> in both lanes of its conversation and starts the notify lane off the caller's
    /// path. Returns the answer lane's ticket for <see cref="AnswerAsync"/>.
    /// </summary>
    public AnswerTicket Enqueue(FlowEvent flowEvent)
    {
        ArgumentNullException.ThrowIfNull(flowEvent);
        Notify(flowEvent);
        if (!Wanted(flowEvent, ReactorLane.Answer))
        {
            return default;
        }

        var answer = new PendingReaction(flowEvent);
        ConversationLane lane;
        lock (_gate)
        {
            lane = LaneOf(flowEvent.ConversationId, ReactorLane.Answer);
            lane.Pending.Enqueue(answer);
        }

        return new AnswerTicket(lane, answer);
    }

    /// <summary>Hands a public event no commit produced to the publishers, in order with its conversation's other events; off the caller's path.</summary>
    public void Notice(Transport.LiveChatEvent liveChatEvent) => Notify(new HostNoticeEvent(liveChatEvent));

    /// <summary>
    /// Completes once the answer lane handled the ticket's event: at once inside a reaction of the same conversation
    /// (the running reaction's runner handles it next), by running the lane on this flow when it is idle, or by waiting
    /// for the runner that holds it. <paramref name="cancellationToken"/> only stops the waiting.
    /// </summary>
    public ValueTask AnswerAsync(AnswerTicket ticket, CancellationToken cancellationToken)
    {
        if (ticket is not { Lane: { } lane, Reaction: { } reaction })
        {
            // No answer reactor wanted the event: there is nothing to wait for.
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            if (reaction.Handled || (lane.Running && Reacting.Value == lane))
            {
                // Handled by another runner already, or queued by the lane's own reaction: its runner handles it next.
                return ValueTask.CompletedTask;
            }

            if (Reacting.Value is not null)
            {
                // A reaction that commits to another conversation never waits for that conversation's reactions: they
                // may wait for this very reaction, and nobody asked for their result.
                RunDetached(lane);
                return ValueTask.CompletedTask;
            }

            if (lane.Running)
            {
                reaction.Done ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return new ValueTask(reaction.Done.Task.WaitAsync(cancellationToken));
            }

            lane.Running = true;
        }

        var run = RunAsync(lane, _work.Stopping);
        if (run.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            return run;
        }

        // The caller may stop waiting; the lane may not stop running: its run goes on as tracked background work.
        var running = run.AsTask();
        _work.Track(running);
        return new ValueTask(running.WaitAsync(cancellationToken));
    }

    /// <summary>Starts the lane off the caller's flow unless a runner holds it already. Under <see cref="_gate"/>.</summary>
    private void RunDetached(ConversationLane lane)
    {
        if (!lane.Running)
        {
            lane.Running = true;
            RunInBackground(lane);
        }
    }

    private void Notify(FlowEvent flowEvent)
    {
        if (!Wanted(flowEvent, ReactorLane.Notify))
        {
            return;
        }

        ConversationLane lane;
        lock (_gate)
        {
            lane = LaneOf(flowEvent.ConversationId, ReactorLane.Notify);
            lane.Pending.Enqueue(new PendingReaction(flowEvent));
            if (lane.Running)
            {
                return;
            }

            lane.Running = true;
        }

        RunInBackground(lane);
    }

    /// <summary>Whether any reactor of <paramref name="lane"/> has something to do with <paramref name="flowEvent"/>.</summary>
    private bool Wanted(FlowEvent flowEvent, ReactorLane lane)
    {
        foreach (var reactor in _reactors.Value[(int)lane])
        {
            if (reactor.Wants(flowEvent))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs the lane as tracked background work, in the engine's context, not the caller's: nothing the caller's flow set
    /// (a reaction in progress, a drain's bookkeeping) leaks into it. The caller has set <see cref="ConversationLane.Running"/>.
    /// </summary>
    private void RunInBackground(ConversationLane lane)
    {
        bool started;
        using (ExecutionContext.SuppressFlow())
        {
            started = _work.Run(stopping => RunAsync(lane, stopping).AsTask(), "reactions of a conversation");
        }

        if (!started)
        {
            // The engine stopped: no run will handle the lane.
            Abandon(lane, null);
        }
    }

    private ConversationLane LaneOf(ConversationId conversationId, ReactorLane lane)
    {
        if (!_lanes.TryGetValue((conversationId, lane), out var found))
        {
            found = new ConversationLane(conversationId, lane);
            _lanes.Add((conversationId, lane), found);
        }

        return found;
    }

    /// <summary>
    /// Hands the lane's events to its reactors until the queue is empty, or, given <paramref name="until"/>, until that
    /// event is handled: then a run of its own takes over whatever is queued after it. The caller has set
    /// <see cref="ConversationLane.Running"/>.
    /// </summary>
    private async ValueTask RunAsync(ConversationLane lane, CancellationToken stopping, PendingReaction? until = null)
    {
        var reactors = _reactors.Value[(int)lane.Lane];
        var outer = Reacting.Value;
        Reacting.Value = lane;
        PendingReaction? current = null;
        try
        {
            while (true)
            {
                PendingReaction next;
                lock (_gate)
                {
                    if (!lane.Pending.TryDequeue(out next!))
                    {
                        lane.Running = false;
                        Forget(lane);
                        return;
                    }
                }

                current = next;

                foreach (var reactor in reactors)
                {
                    try
                    {
                        await reactor.ReactAsync(next.Event, stopping).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                    {
                        Log.ReactionFailed(_logger, ex, reactor.GetType().Name, next.Event.GetType().Name, next.Event.ConversationId);
                    }
                }

                TaskCompletionSource? done;
                var handOff = false;
                lock (_gate)
                {
                    next.Handled = true;
                    done = next.Done;
                    if (next == until)
                    {
                        if (lane.Pending.Count == 0)
                        {
                            lane.Running = false;
                            Forget(lane);
                        }
                        else
                        {
                            handOff = true;
                        }
                    }
                }

                done?.TrySetResult();
                if (next == until)
                {
                    if (handOff)
                    {
                        RunInBackground(lane);
                    }

                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The engine stops and a reaction gave up: no run will handle this lane's events any more. It is let go, its
            // waiters cancelled, as a stopped drain batch's lanes are; left marked running, a later call would wait on it forever.
            Abandon(lane, current);
            throw;
        }
        finally
        {
            Reacting.Value = outer;
        }
    }

    /// <summary>
    /// Lets go of a lane no run will handle (the engine stops): idle again, its events dropped, and the callers waiting
    /// for one of them (<paramref name="current"/>, the event whose reaction gave up, included) cancelled.
    /// </summary>
    private void Abandon(ConversationLane lane, PendingReaction? current)
    {
        List<TaskCompletionSource>? waiting = null;
        lock (_gate)
        {
            if (current is { Handled: false, Done: { } done })
            {
                (waiting ??= []).Add(done);
            }

            foreach (var pending in lane.Pending)
            {
                if (pending.Done is { } wait)
                {
                    (waiting ??= []).Add(wait);
                }
            }

            lane.Pending.Clear();
            lane.Running = false;
            Forget(lane);
        }

        waiting?.ForEach(done => done.TrySetCanceled());
    }

    /// <summary>Drops an idle lane from the index, unless a newer lane of its conversation replaced it. Under <see cref="_gate"/>.</summary>
    private void Forget(ConversationLane lane)
    {
        if (_lanes.TryGetValue((lane.ConversationId, lane.Lane), out var current) && current == lane)
        {
            _lanes.Remove((lane.ConversationId, lane.Lane));
        }
    }

    /// <summary>
    /// The answer lane an event waits in, and its place there; <see langword="default"/> (no lane) when no answer reactor
    /// wanted the event, so it never entered the lane.
    /// </summary>
    public readonly record struct AnswerTicket(ConversationLane? Lane, PendingReaction? Reaction);
}
