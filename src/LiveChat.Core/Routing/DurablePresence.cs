using System.Collections.Concurrent;
using LiveChat.Core.Agents;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Routing;

/// <summary>
/// Keeps one workspace router's presence and requeue timers (features R1, R6) recorded as due work
/// (<see cref="DueWorkKind.PresenceGrace"/>, subject: the agent), so that a process that dies with them does not take
/// them along: the item comes due in the store, a sweep in a surviving process (X7) hands the agent to its workspace's
/// router there, which loads the table and arms the timers again from the store.
/// </summary>
/// <remarks>
/// <para>
/// Used whether heartbeats are written to the store (the default) or held outside it (an agent grain): the item is what
/// a process that starts, or a survivor, reads to know which workspaces have agents to look at. An item is written when
/// an agent's next look (the end of their presence timeout while present, the end of the requeue grace while gone) has
/// no pending item at or before it, so not per heartbeat: when the agent becomes present, each time the presence timer
/// would have come due and is moved on, when they go, and removed once their conversations are requeued or when nothing
/// is left to look at.
/// </para>
/// <para>
/// <see cref="Track"/> and <see cref="Done"/> run under the workspace router's lock and only decide, each decision
/// numbered; <see cref="ApplyAsync"/> writes, off that lock, one write at a time, and skips a decision older than one
/// already written for the same agent. So two decisions made in one order and applied in the other (a requeue's removal
/// and a refresh's move) leave the store with the later one, and a write that failed is made again at the next decision.
/// Thread-safe under that use.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The semaphore is only awaited (WaitAsync), which never creates the wait handle its Dispose would free.")]
internal sealed class DurablePresence(IDueWorkStore store, WorkspaceId workspace, RoutingOptions options)
{
    /// <summary>The due instant of the item last decided for each agent; changed under the router's lock, forgotten when its write fails.</summary>
    private readonly ConcurrentDictionary<AgentId, DateTimeOffset> _written = [];

    /// <summary>The number of the decision last written for each agent; used only under <see cref="_applying"/>.</summary>
    private readonly Dictionary<AgentId, long> _applied = [];

    /// <summary>One store write at a time, in the order <see cref="ApplyAsync"/> is called.</summary>
    private readonly SemaphoreSlim _applying = new(1, 1);

    /// <summary>The last decision's number; under the router's lock.</summary>
    private long _decisions;

    /// <summary>
    /// A write to make: the agent's item moved to <paramref name="DueAt"/>, or removed when it is null;
    /// <paramref name="Decision"/> orders the writes of one agent.
    /// </summary>
    public readonly record struct Write(AgentId Agent, DateTimeOffset? DueAt, long Decision);

    /// <summary>
    /// The write the agent's timers need now, if any; under the router's lock, after the timers were (re)armed.
    /// <paramref name="requeueArmed"/>: whether the agent's requeue grace is running (a gone agent whose grace ended, or
    /// was never started by policy, needs no look).
    /// </summary>
    public Write? Track(AgentSlot slot, bool requeueArmed, DateTimeOffset now)
    {
        DateTimeOffset? next = AbsentAgentRequeue.IsGone(slot)
            ? requeueArmed ? new DateTimeOffset(slot.RequeueAtTicks, TimeSpan.Zero) : null
            : options.PresenceRequired ? new DateTimeOffset(slot.LastSeenTicks, TimeSpan.Zero) + options.PresenceTimeout : null;
        var has = _written.TryGetValue(slot.Id, out var written);
        if (next is not { } due)
        {
            return has && _written.TryRemove(slot.Id, out _) ? new Write(slot.Id, null, ++_decisions) : null;
        }

        if (has && written > now && written <= due)
        {
            // The pending item comes due no later than needed: when it does, the agent is looked at and it moves on.
            return null;
        }

        _written[slot.Id] = due;
        return new Write(slot.Id, due, ++_decisions);
    }

    /// <summary>The agent's conversations were requeued: nothing is left to look at; under the router's lock.</summary>
    public Write? Done(AgentId agentId) => _written.TryRemove(agentId, out _) ? new Write(agentId, null, ++_decisions) : null;

    /// <summary>Makes <paramref name="write"/> in the store, if there is one.</summary>
    public async ValueTask ApplyAsync(Write? write, CancellationToken cancellationToken)
    {
        if (write is not { } w)
        {
            return;
        }

        await _applying.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_applied.TryGetValue(w.Agent, out var applied) && applied > w.Decision)
            {
                return;
            }

            var subject = w.Agent.Value;
            try
            {
                if (w.DueAt is { } due)
                {
                    await store.ScheduleAsync(new DueWork(workspace, subject, DueWorkKind.PresenceGrace, due), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await store.CancelAsync(workspace, subject, DueWorkKind.PresenceGrace, cancellationToken).ConfigureAwait(false);
                }
            }
            catch when (w.DueAt is { } due)
            {
                // Not written: forget it (unless a later decision replaced it), so the agent's next decision writes again.
                _written.TryRemove(new KeyValuePair<AgentId, DateTimeOffset>(w.Agent, due));
                throw;
            }

            _applied[w.Agent] = w.Decision;
        }
        finally
        {
            _applying.Release();
        }
    }
}
