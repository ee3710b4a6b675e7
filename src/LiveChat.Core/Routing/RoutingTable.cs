using LiveChat.Core.Agents;

namespace LiveChat.Core.Routing;

/// <summary>
/// The routing state of one workspace held in memory: every agent's status, presence, load and held seats, and an
/// <see cref="AgentPool"/> for the workspace and for each team. It answers the pure decision step (which agent, or none)
/// and applies a decision by holding the agent's seat, checked against the agent's version.
/// </summary>
/// <remarks>
/// Not thread-safe: the router takes <see cref="Gate"/> around every call. The table is a cache of the store: the store
/// re-checks availability and capacity when a decision is committed, so a stale table can only cost a retry, never an
/// agent over capacity or a conversation with two owners.
/// </remarks>
internal sealed class RoutingTable
{
    /// <summary>No agent.</summary>
    public const int NoAgent = -1;

    private readonly Dictionary<AgentId, int> _byId = [];
    private readonly Dictionary<TeamId, TeamEntry> _teams = [];
    private readonly AgentPool _workspace = new();
    private Slot[] _slots = new Slot[16];
    private int[] _members = new int[16];
    private RoutingCandidate[] _candidates = new RoutingCandidate[16];

    /// <summary>The lock that serializes every use of the table.</summary>
    public Lock Gate { get; } = new();

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
    public Slot this[int ordinal] => _slots[ordinal];

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

            var slot = new Slot(agent.Id, ordinal) { IdleSinceTicks = nowTicks };
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

    /// <summary>Gives back a seat held by <see cref="Apply"/>.</summary>
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
    /// The pure decision step: picks an agent for <paramref name="target"/> with <paramref name="strategy"/>, or none.
    /// Changes nothing but a search hint; the decision is applied by <see cref="Apply"/>.
    /// </summary>
    /// <param name="target">Where the request is routed.</param>
    /// <param name="strategy">Who to pick among the available agents.</param>
    /// <param name="exclude">An agent to pass over unless nobody else is available (the one whose offer just expired).</param>
    public RoutingDecision Decide(RoutingTarget target, RoutingStrategy strategy, int exclude = NoAgent)
    {
        switch (target.Kind)
        {
            case RoutingTargetKind.Workspace:
                return DecideIn(_workspace, strategy, exclude);
            case RoutingTargetKind.Team:
                if (!_teams.TryGetValue(target.Team!.Value, out var team))
                {
                    return default;
                }

                var decision = DecideIn(team.Pool, strategy, exclude);
                return decision.Found || team.Team.FallbackTeam is not { } fallback || !_teams.TryGetValue(fallback, out var fallbackTeam)
                    ? decision
                    : DecideIn(fallbackTeam.Pool, strategy, exclude);
            default:
                if (strategy.BuiltIn == BuiltInStrategy.Manual)
                {
                    return default;
                }

                var ordinal = Find(target.Agent!.Value);
                if (ordinal != NoAgent && _slots[ordinal].Routable)
                {
                    return new RoutingDecision(ordinal, null, -1, _slots[ordinal].Version);
                }

                return target.Team is { } teamId && _teams.TryGetValue(teamId, out var fallbackOf)
                    ? DecideIn(fallbackOf.Pool, strategy, exclude)
                    : default;
        }
    }

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

    /// <summary>Every agent who could take a conversation for <paramref name="target"/> now, fallback team included.</summary>
    public List<AgentId> AvailableFor(RoutingTarget target)
    {
        var result = new List<AgentId>();
        var named = target.Kind == RoutingTargetKind.Agent ? Find(target.Agent!.Value) : NoAgent;
        if (named != NoAgent && _slots[named].Routable)
        {
            result.Add(_slots[named].Id);
            return result;
        }

        var pool = target.Kind switch
        {
            RoutingTargetKind.Workspace => _workspace,
            RoutingTargetKind.Team => _teams.TryGetValue(target.Team!.Value, out var team)
                ? team.Pool.AvailableCount > 0 || team.Team.FallbackTeam is not { } f || !_teams.TryGetValue(f, out var fb) ? team.Pool : fb.Pool
                : null,
            _ => target.Team is { } t && _teams.TryGetValue(t, out var fallback) ? fallback.Pool : null,
        };
        if (pool is not null)
        {
            for (var member = 0; member < pool.Count; member++)
            {
                if (pool.IsAvailable(member))
                {
                    result.Add(_slots[pool.OrdinalOf(member)].Id);
                }
            }
        }

        return result;
    }

    private bool TeamAvailable(TeamId teamId, bool withFallback)
        => _teams.TryGetValue(teamId, out var team)
            && (team.Pool.AvailableCount > 0
                || (withFallback && team.Team.FallbackTeam is { } fallback && _teams.TryGetValue(fallback, out var other) && other.Pool.AvailableCount > 0));

    private RoutingDecision DecideIn(AgentPool pool, RoutingStrategy strategy, int excludeOrdinal)
    {
        if (pool.AvailableCount == 0)
        {
            return default;
        }

        var exclude = excludeOrdinal == NoAgent ? -1 : MemberOf(_slots[excludeOrdinal], pool);
        var member = strategy.BuiltIn switch
        {
            BuiltInStrategy.RoundRobin => pool.PickBalanced(exclude),
            BuiltInStrategy.StrictRoundRobin => pool.PickRoundRobin(exclude),
            BuiltInStrategy.LeastBusy => pool.PickLeastBusy(exclude),
            BuiltInStrategy.Manual => -1,
            _ => Custom(pool, strategy),
        };
        if (member < 0)
        {
            return default;
        }

        var ordinal = pool.OrdinalOf(member);
        return new RoutingDecision(ordinal, pool, member, _slots[ordinal].Version);
    }

    private int Custom(AgentPool pool, RoutingStrategy strategy)
    {
        if (_members.Length < pool.Count)
        {
            _members = new int[pool.Count * 2];
            _candidates = new RoutingCandidate[pool.Count * 2];
        }

        var count = pool.CopyAvailableInRotationOrder(_members);
        for (var i = 0; i < count; i++)
        {
            var s = _slots[pool.OrdinalOf(_members[i])];
            _candidates[i] = new RoutingCandidate(s.Id, s.Open + s.Held, s.Capacity, new DateTimeOffset(s.IdleSinceTicks, TimeSpan.Zero));
        }

        var chosen = strategy.Choose(_candidates.AsSpan(0, count));
        return chosen switch
        {
            -1 => -1,
            _ when chosen >= 0 && chosen < count => _members[chosen],
            _ => throw new InvalidOperationException($"Routing strategy '{strategy.Name}' chose candidate {chosen} of {count}; it must return -1 or an index below {count}."),
        };
    }

    private static int MemberOf(Slot slot, AgentPool pool)
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

    private void SetTeams(Slot slot, ReadOnlySpan<TeamId> teams)
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

    private void Join(Slot slot, AgentPool pool)
    {
        var member = pool.Add(slot.Ordinal);
        slot.Memberships.Add((pool, member));
        if (slot.Routable)
        {
            Openings++;
            pool.Update(member, available: true, slot.Load, moved: false);
        }
    }

    private void Refresh(Slot s, bool moved, long nowTicks)
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

    /// <summary>One agent as routing sees them.</summary>
    internal sealed class Slot(AgentId id, int ordinal)
    {
        public AgentId Id { get; } = id;

        public int Ordinal { get; } = ordinal;

        public string DisplayName { get; set; } = string.Empty;

        public AgentStatus Status { get; set; }

        public bool Present { get; set; }

        /// <summary>Conversations the agent owns, as far as this process has seen.</summary>
        public int Open { get; set; }

        /// <summary>Seats held by decisions being committed and by live offers.</summary>
        public int Held { get; set; }

        public int Capacity { get; set; }

        public int Load => Open + Held;

        public long IdleSinceTicks { get; set; }

        public long Version { get; set; }

        public TeamId[] Teams { get; set; } = [];

        public List<(AgentPool Pool, int Member)> Memberships { get; } = [];

        public bool WasRoutable { get; set; }

        public bool Routable => Status == AgentStatus.Online && Present && Load < Capacity;

        /// <summary>The presence timer, created on the first heartbeat.</summary>
        public ITimer? PresenceTimer { get; set; }

        /// <summary>The requeue timer, running while the agent is offline or silent.</summary>
        public ITimer? RequeueTimer { get; set; }

        /// <summary>Reads of the agent from the store started, and the latest started one applied (see the router).</summary>
        public long ReadsStarted { get; set; }

        /// <inheritdoc cref="ReadsStarted"/>
        public long ReadApplied { get; set; }

        /// <summary>The last heartbeat this process knows, in UTC ticks.</summary>
        public long LastSeenTicks { get; set; }
    }

    private sealed class TeamEntry(Team team)
    {
        public Team Team { get; set; } = team;

        public AgentPool Pool { get; } = new();
    }
}

/// <summary>The outcome of the decision step: an agent of a pool, or none. Carries the agent's version for the apply step.</summary>
/// <param name="Ordinal">The agent's ordinal in the table.</param>
/// <param name="Pool">The pool whose rotation picked them; <see langword="null"/> for a named teammate.</param>
/// <param name="Member">The agent's member index in <paramref name="Pool"/>.</param>
/// <param name="Version">The agent's version when decided.</param>
internal readonly record struct RoutingDecision(int Ordinal, AgentPool? Pool, int Member, long Version)
{
    /// <summary>Whether an agent was picked. <c>default</c> means none.</summary>
    public bool Found => Version != 0;
}
