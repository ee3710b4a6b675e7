using LiveChat.Core.Agents;

namespace LiveChat.Core.Routing;

/// <summary>Where a request for an agent is routed: the workspace, a team, or a named teammate (feature R4). Immutable.</summary>
public sealed record RoutingTarget
{
    /// <summary>Creates a target; prefer <see cref="Workspace"/>, <see cref="ToTeam"/> and <see cref="ToAgent"/>.</summary>
    /// <param name="kind">What the target is.</param>
    /// <param name="team">The team, for <see cref="RoutingTargetKind.Team"/>; the fallback team, for <see cref="RoutingTargetKind.Agent"/>.</param>
    /// <param name="agent">The teammate, for <see cref="RoutingTargetKind.Agent"/>.</param>
    /// <exception cref="ArgumentException">The team or agent the kind needs is missing, or one it does not use is given.</exception>
    public RoutingTarget(RoutingTargetKind kind, TeamId? team = null, AgentId? agent = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown routing target kind.");
        }

        if (team is { IsDefault: true } || agent is { IsDefault: true })
        {
            throw new ArgumentException("A default TeamId or AgentId is not a team or an agent.");
        }

        var valid = kind switch
        {
            RoutingTargetKind.Workspace => team is null && agent is null,
            RoutingTargetKind.Team => team is not null && agent is null,
            _ => agent is not null,
        };
        if (!valid)
        {
            throw new ArgumentException(
                "A workspace target names no team or agent; a team target names a team only; an agent target names an agent and, optionally, a fallback team.");
        }

        Kind = kind;
        Team = team;
        Agent = agent;
    }

    /// <summary>Any available agent of the workspace.</summary>
    public static RoutingTarget Workspace { get; } = new(RoutingTargetKind.Workspace);

    /// <summary>What the target is.</summary>
    public RoutingTargetKind Kind { get; }

    /// <summary>The team (for a team target) or the fallback team (for an agent target).</summary>
    public TeamId? Team { get; }

    /// <summary>The named teammate, for an agent target.</summary>
    public AgentId? Agent { get; }

    /// <summary>Any available agent of <paramref name="team"/>, else of the team's fallback team.</summary>
    public static RoutingTarget ToTeam(TeamId team) => new(RoutingTargetKind.Team, team);

    /// <summary><paramref name="agent"/> when available, else <paramref name="fallbackTeam"/> when given.</summary>
    public static RoutingTarget ToAgent(AgentId agent, TeamId? fallbackTeam = null) => new(RoutingTargetKind.Agent, fallbackTeam, agent);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        RoutingTargetKind.Workspace => "workspace",
        RoutingTargetKind.Team => $"team {Team}",
        _ => Team is { } fallback ? $"agent {Agent} (fallback team {fallback})" : $"agent {Agent}",
    };
}
