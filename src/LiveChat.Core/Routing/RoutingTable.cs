using LiveChat.Core.Agents;

namespace LiveChat.Core.Routing;

/// <summary>
/// The routing state of one workspace held in memory: every agent's status, presence, load and held seats, and an
/// <see cref="AgentPool"/> for the workspace and for each team. It answers the pure decision step (which agent, or none)
/// and applies a decision by holding the agent's seat, checked against the agent's version.
/// </summary>
/// <remarks>
/// Not thread-safe: its <see cref="WorkspaceRouter"/> holds its own lock around every call. The table is a cache of the store: the store
/// re-checks availability and capacity when a decision is committed, so a stale table can only cost a retry, never an
/// agent over capacity or a conversation with two owners.
/// </remarks>
internal sealed partial class RoutingTable
{
    /// <summary>No agent.</summary>
    public const int NoAgent = -1;

    private readonly Dictionary<AgentId, int> _byId = [];
    private readonly Dictionary<TeamId, TeamEntry> _teams = [];
    private readonly AgentPool _workspace = new();
    private AgentSlot[] _slots = new AgentSlot[16];
    private int[] _members = new int[16];
    private RoutingCandidate[] _candidates = new RoutingCandidate[16];

    /// <summary>How many agents the table knows.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Grows whenever someone may have become eligible for more requests: an agent became able to take a conversation,
    /// joined a team, or a team was (re)defined. The router compares it to announce waiting requests only when it moved.
    /// </summary>
    public long Openings { get; private set; }

    /// <summary>Whether anyone in the workspace can take a conversation now.</summary>
    public bool AnyoneAvailable => _workspace.AvailableCount > 0;

    /// <summary>The agent with the given ordinal.</summary>
    public AgentSlot this[int ordinal] => _slots[ordinal];

    /// <summary>The ordinal of an agent, or <see cref="NoAgent"/>.</summary>
    public int Find(AgentId agentId) => _byId.TryGetValue(agentId, out var ordinal) ? ordinal : NoAgent;

    /// <summary>Whether the team is defined.</summary>
    public bool HasTeam(TeamId teamId) => _teams.ContainsKey(teamId);

    /// <summary>Defines or redefines a team; agents who list it join its pool.</summary>
    public void DefineTeam(Team team)
    {
        Openings++;
        if (_teams.TryGetValue(team.Id, out var entry))
        {
            entry.Team = team;
            return;
        }

        entry = new TeamEntry(team);
        _teams.Add(team.Id, entry);
        for (var ordinal = 0; ordinal < Count; ordinal++)
        {
            var slot = _slots[ordinal];
            if (slot.Teams.Contains(team.Id))
            {
                Join(slot, entry.Pool);
            }
        }
    }

    /// <summary>Adds an agent as the store holds them, or refreshes a known agent from the store.</summary>
    /// <param name="agent">The stored agent.</param>
    /// <param name="present">Whether their heartbeat is live now.</param>
    /// <param name="nowTicks">Now, in UTC ticks.</param>
    /// <returns>The agent's ordinal.</returns>
    public int Upsert(Agent agent, bool present, long nowTicks)
    {
        if (!_byId.TryGetValue(agent.Id, out var ordinal))
        {
            ordinal = Count++;
            if (ordinal == _slots.Length)
            {
                Array.Resize(ref _slots, ordinal * 2);
            }

            var slot = new AgentSlot(agent.Id, ordinal) { IdleSinceTicks = nowTicks };
            _slots[ordinal] = slot;
            _byId.Add(agent.Id, ordinal);
            Join(slot, _workspace);
        }

        var s = _slots[ordinal];
        var loadChanged = s.Open != agent.OpenConversations;
        s.DisplayName = agent.DisplayName;
        s.Status = agent.Status;
        s.Present = present;
        s.Open = agent.OpenConversations;
        s.Capacity = agent.MaxConcurrentConversations;
        SetTeams(s, agent.Teams.IsDefault ? [] : agent.Teams.AsSpan());
        Refresh(s, loadChanged, nowTicks);
        return ordinal;
    }

    /// <summary>Sets the agent's chosen status.</summary>
    public void SetStatus(int ordinal, AgentStatus status, long nowTicks)
    {
        var s = _slots[ordinal];
        s.Status = status;
        Refresh(s, moved: false, nowTicks);
    }

    /// <summary>Sets whether the agent's heartbeat is live.</summary>
    public void SetPresent(int ordinal, bool present, long nowTicks)
    {
        var s = _slots[ordinal];
        s.Present = present;
        Refresh(s, moved: false, nowTicks);
    }

    /// <summary>Adds to the agent's open conversations, as a stored commit assigned (+1) or released (-1) one.</summary>
    public void AddOpen(int ordinal, int delta, long nowTicks)
    {
        var s = _slots[ordinal];
        s.Open = Math.Max(0, s.Open + delta);
        Refresh(s, moved: true, nowTicks);
    }

    /// <summary>Holds one seat of the agent for a live offer found in the store (table loading); give it back with <see cref="Release"/>.</summary>
    public void Hold(int ordinal, long nowTicks)
    {
        var s = _slots[ordinal];
        s.Held++;
        Refresh(s, moved: true, nowTicks);
    }

    /// <summary>Gives back a seat held by <see cref="Apply"/> or <see cref="Hold"/>.</summary>
    public void Release(int ordinal, long nowTicks)
    {
        var s = _slots[ordinal];
        s.Held = Math.Max(0, s.Held - 1);
        Refresh(s, moved: true, nowTicks);
    }

    /// <summary>Whether anyone eligible for <paramref name="target"/> can take a conversation now, fallback team included.</summary>
    public bool HasAvailable(RoutingTarget target) => target.Kind switch
    {
        RoutingTargetKind.Workspace => _workspace.AvailableCount > 0,
        RoutingTargetKind.Team => TeamAvailable(target.Team!.Value, withFallback: true),
        _ => (Find(target.Agent!.Value) is var o && o != NoAgent && _slots[o].Routable)
            || (target.Team is { } fallback && TeamAvailable(fallback, withFallback: false)),
    };

    /// <summary>
    /// Applies a decision: holds one seat of the agent, if they are still routable and unchanged since the decision, and
    /// advances the rotation of the pool the decision came from.
    /// </summary>
    /// <returns>Whether the seat is held; release it with <see cref="Release"/> once the commit is done.</returns>
    public bool Apply(in RoutingDecision decision, long nowTicks)
    {
        var s = _slots[decision.Ordinal];
        if (s.Version != decision.Version || !s.Routable)
        {
            return false;
        }

        s.Held++;
        decision.Pool?.Picked(decision.Member);
        Refresh(s, moved: true, nowTicks);
        return true;
    }

    private static int MemberOf(AgentSlot slot, AgentPool pool)
    {
        foreach (var (p, member) in slot.Memberships)
        {
            if (p == pool)
            {
                return member;
            }
        }

        return -1;
    }

    private void SetTeams(AgentSlot slot, ReadOnlySpan<TeamId> teams)
    {
        if (slot.Teams.AsSpan().SequenceEqual(teams))
        {
            return;
        }

        foreach (var old in slot.Teams)
        {
            if (!teams.Contains(old) && _teams.TryGetValue(old, out var entry))
            {
                var index = slot.Memberships.FindIndex(m => m.Pool == entry.Pool);
                if (index >= 0)
                {
                    entry.Pool.Update(slot.Memberships[index].Member, available: false, 0, moved: false);
                    slot.Memberships.RemoveAt(index);
                }
            }
        }

        foreach (var team in teams)
        {
            if (!slot.Teams.Contains(team) && _teams.TryGetValue(team, out var entry))
            {
                Join(slot, entry.Pool);
            }
        }

        slot.Teams = teams.ToArray();
    }

    private void Join(AgentSlot slot, AgentPool pool)
    {
        var member = pool.Add(slot.Ordinal);
        slot.Memberships.Add((pool, member));
        if (slot.Routable)
        {
            Openings++;
            pool.Update(member, available: true, slot.Load, moved: false);
        }
    }

    private void Refresh(AgentSlot s, bool moved, long nowTicks)
    {
        s.Version++;
        var routable = s.Routable;
        Openings += routable && !s.WasRoutable ? 1 : 0;
        if (moved || routable != s.WasRoutable)
        {
            s.IdleSinceTicks = nowTicks;
        }

        s.WasRoutable = routable;
        foreach (var (pool, member) in s.Memberships)
        {
            pool.Update(member, routable, s.Load, moved);
        }
    }

    private sealed class TeamEntry(Team team)
    {
        public Team Team { get; set; } = team;

        public AgentPool Pool { get; } = new();
    }
}
