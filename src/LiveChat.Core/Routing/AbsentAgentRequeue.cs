using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Routing;

/// <summary>
/// The requeue of absent agents (feature R6): while an agent is offline or silent, a grace timer of
/// <see cref="RoutingOptions.RequeueAfter"/> runs; when it ends and the store agrees they are still gone, their
/// conversations go back to the queue, oldest first, with a system message.
/// </summary>
/// <remarks>
/// <see cref="Schedule"/> is used under the workspace router's lock; <see cref="RequeueAsync"/> runs off it, as timer
/// work. The timers are <see cref="KeyedTimers{TKey}"/> on the engine's clock, one per agent.
/// </remarks>
internal sealed class AbsentAgentRequeue : IDisposable
{
    private const int Page = 100;

    private readonly RoutingContext _context;
    private readonly WorkspaceId _workspace;
    private readonly KeyedTimers<AgentId> _timers;

    /// <param name="context">The write path, stores and options.</param>
    /// <param name="workspace">The workspace.</param>
    /// <param name="due">Runs when an agent's grace ends.</param>
    /// <param name="what">Names the timers in the log.</param>
    public AbsentAgentRequeue(RoutingContext context, WorkspaceId workspace, Func<AgentId, CancellationToken, Task> due, string what)
    {
        _context = context;
        _workspace = workspace;
        _timers = context.Work.CreateTimers(due, what);
    }

    /// <summary>Whether the agent is offline or silent, as the table sees them.</summary>
    public static bool IsGone(AgentSlot slot) => slot.Status == AgentStatus.Offline || !slot.Present;

    /// <summary>
    /// When the stored agent became gone, as the store tells: when they went offline, or, when every heartbeat is stored,
    /// when their last one lapsed, whichever came first; never later than <paramref name="now"/>. A process that only now
    /// reads an agent who went away while it was down (a restart) counts the grace from then, not from its read. With
    /// heartbeats held outside the store (an agent grain, maybe on a silo that died), the stored heartbeat says nothing of
    /// a silence (<paramref name="heartbeatsStored"/> is <see langword="false"/>), which is counted from
    /// <paramref name="now"/>: the agent's next heartbeats reach the grain again within the grace.
    /// </summary>
    public static DateTimeOffset GoneSince(Agent agent, RoutingOptions presence, bool heartbeatsStored, DateTimeOffset now)
    {
        var since = now;
        if (agent.Status == AgentStatus.Offline && agent.StatusChangedAt != default && agent.StatusChangedAt < since)
        {
            since = agent.StatusChangedAt;
        }

        if (heartbeatsStored && presence.PresenceRequired && agent.LastSeenAt is { } seen && seen + presence.PresenceTimeout < since)
        {
            since = seen + presence.PresenceTimeout;
        }

        return since;
    }

    /// <summary>
    /// Starts the agent's grace when they are gone (and the policy requeues), to end <see cref="RoutingOptions.RequeueAfter"/>
    /// after <paramref name="goneSince"/> (at once if that has passed), or stops it when they are back. A grace already
    /// running keeps its end.
    /// </summary>
    public void Schedule(AgentSlot slot, DateTimeOffset goneSince)
    {
        if (!IsGone(slot) || _context.Routing.RequeuePolicy == RequeuePolicy.Keep)
        {
            _timers.Cancel(slot.Id);
            slot.RequeueAtTicks = 0;
            return;
        }

        var end = goneSince + _context.Routing.RequeueAfter;
        if (_timers.TryArm(slot.Id, end - _context.Time.GetUtcNow()))
        {
            slot.RequeueAtTicks = end.UtcTicks;
        }
    }

    /// <summary>Whether the agent's grace is running.</summary>
    public bool IsArmed(AgentId agentId) => _timers.IsArmed(agentId);

    /// <summary>
    /// The grace ended and the table still sees the agent gone. Another node may have seen them come back, so the
    /// store has the last word: only if it agrees are their conversations requeued.
    /// </summary>
    /// <returns>How many conversations were requeued, or <see langword="null"/> when the store says the agent is back.</returns>
    public async Task<int?> RequeueAsync(AgentId agentId, CancellationToken cancellationToken)
    {
        var now = _context.Time.GetUtcNow(); // before the read, as WorkspaceRouter.PresenceDueAsync does
        var stored = await _context.Agents.FindAgentAsync(_workspace, agentId, cancellationToken).ConfigureAwait(false);
        if (stored is null || (stored.Status != AgentStatus.Offline && stored.IsPresentAt(now, _context.Routing.PresenceTimeout)))
        {
            return null;
        }

        var requeued = 0;
        while (true)
        {
            var mine = await _context.Conversations.QueryInboxAsync(new InboxQuery(_workspace, InboxFolder.Mine, agentId, Page, null), cancellationToken).ConfigureAwait(false);
            var moved = 0;
            foreach (var c in mine)
            {
                var after = await _context.Commands.ChangeAsync(_workspace, c.Id, current => current.State == ConversationState.Assigned && current.AssignedAgentId == agentId
                    ? Requeue(current)
                    : null, cancellationToken).ConfigureAwait(false);
                moved += after.State == ConversationState.Unassigned ? 1 : 0;
            }

            requeued += moved;
            if (moved == 0 || mine.Count < Page)
            {
                return requeued;
            }
        }
    }

    /// <summary>Stops every grace timer.</summary>
    public void Dispose() => _timers.Dispose();

    private ConversationCommands.Change Requeue(Conversation c)
    {
        var ticket = c.Routing is { } routing ? routing with { Offer = null } : new RoutingTicket(RoutingTarget.Workspace, c.StartedAt);
        var updated = c with
        {
            State = ConversationLifecycle.Next(c.State, ConversationTrigger.Requeue),
            AssignedAgentId = null,
            CounterpartName = _context.Options.BotDisplayName,
            Routing = ticket,
        };
        return new ConversationCommands.Change(updated, [_context.Commands.SystemMessage(c, SystemEvent.Requeued, SystemText.Requeued)]);
    }
}
