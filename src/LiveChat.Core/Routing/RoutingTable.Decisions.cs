using LiveChat.Core.Agents;

namespace LiveChat.Core.Routing;

/// <summary>The table's pure decision step: which agent takes a request, or who could (features R3, R4, R8).</summary>
internal sealed partial class RoutingTable
{
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
    /// Whether the request <paramref name="other"/> was decided for could be given the agent at <paramref name="ordinal"/>:
    /// it names that agent, or that agent is available in the pool it was decided in.
    /// </summary>
    public bool Competes(RoutingDecision other, int ordinal)
        => other.Found && (other.Ordinal == ordinal
            || (other.Pool is { } pool && MemberOf(_slots[ordinal], pool) is var member && member >= 0 && pool.IsAvailable(member)));

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
}
