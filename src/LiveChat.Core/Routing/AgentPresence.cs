using LiveChat.Core.Agents;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Routing;

/// <summary>
/// One workspace's heartbeat timers (feature R1): each agent's timer runs until their last known heartbeat plus
/// <see cref="RoutingOptions.PresenceTimeout"/>, and then hands the agent to the check its <see cref="WorkspaceRouter"/>
/// gave, which asks the store before the agent stops receiving conversations.
/// </summary>
/// <remarks>
/// Used under the workspace router's lock; the timers are <see cref="KeyedTimers{TKey}"/> on the engine's clock, one
/// per agent. With an infinite timeout nothing is armed.
/// </remarks>
internal sealed class AgentPresence : IDisposable
{
    private readonly KeyedTimers<AgentId> _timers;
    private readonly RoutingOptions _options;

    /// <param name="work">The background work the timers run on.</param>
    /// <param name="options">The presence timeout.</param>
    /// <param name="lapse">Runs when an agent's timer is due.</param>
    /// <param name="what">Names the timers in the log.</param>
    public AgentPresence(BackgroundWork work, RoutingOptions options, Func<AgentId, CancellationToken, Task> lapse, string what)
    {
        _options = options;
        _timers = work.CreateTimers(lapse, what);
    }

    /// <summary>Whether the stored agent's heartbeat is live at <paramref name="now"/>.</summary>
    public bool IsPresent(Agent agent, DateTimeOffset now) => agent.IsPresentAt(now, _options.PresenceTimeout);

    /// <summary>
    /// Notes a stored heartbeat and (re)arms the agent's timer for the instant it lapses, on the clock as it is now: the
    /// read that found the heartbeat may have been taken earlier, and a delay counted from then would fire late.
    /// </summary>
    public void Seen(AgentSlot slot, DateTimeOffset? lastSeen)
    {
        if (lastSeen is not { } seen || !_options.PresenceRequired)
        {
            return;
        }

        slot.LastSeenTicks = Math.Max(slot.LastSeenTicks, seen.UtcTicks);
        _timers.ArmAt(slot.Id, Due(slot));
    }

    /// <summary>
    /// The agent's timer fired and the store holds <paramref name="stored"/>. Heartbeats may have reached another node,
    /// so the later of the two heartbeats counts: when it is still live at <paramref name="now"/> (when the read was taken),
    /// the timer is armed again for the instant it lapses.
    /// </summary>
    /// <returns>Whether the agent just went silent.</returns>
    public bool Lapsed(AgentSlot slot, Agent? stored, DateTimeOffset now)
    {
        if (stored?.LastSeenAt is { } seen)
        {
            slot.LastSeenTicks = Math.Max(slot.LastSeenTicks, seen.UtcTicks);
        }

        var due = Due(slot);
        if (now < due)
        {
            _timers.ArmAt(slot.Id, due);
            return false;
        }

        return slot.Present;
    }

    /// <summary>Whether the agent's timer is running.</summary>
    public bool IsArmed(AgentId agentId) => _timers.IsArmed(agentId);

    /// <summary>Stops every timer.</summary>
    public void Dispose() => _timers.Dispose();

    private DateTimeOffset Due(AgentSlot slot) => new DateTimeOffset(slot.LastSeenTicks, TimeSpan.Zero) + _options.PresenceTimeout;
}
