using LiveChat.Core.Internal;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Agents;

/// <summary>Agents of a workspace, their teams, status and presence (features R1, R2, R4). Thread-safe.</summary>
public sealed class AgentService
{
    /// <summary>The most conversations one agent may be allowed at once.</summary>
    public const int MaxCapacity = 1000;

    /// <summary>The most teams one agent may belong to.</summary>
    public const int MaxTeamsPerAgent = 50;

    private readonly IAgentStore _store;
    private readonly IAgentHeartbeats _heartbeats;
    private readonly IRoutingPort _router;
    private readonly TimeProvider _time;
    private readonly BackgroundWork _work;
    private readonly ILogger<AgentService> _logger;

    internal AgentService(IAgentStore store, IAgentHeartbeats heartbeats, IRoutingPort router, TimeProvider time, BackgroundWork work, ILogger<AgentService> logger)
    {
        _work = work;
        // Reads carry the heartbeats kept outside the store too (an agent grain's), so GetAsync shows the live LastSeenAt.
        _store = HeartbeatOverlay.Over(store, heartbeats);
        _heartbeats = heartbeats;
        _router = router;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Registers an agent, or updates a registered agent's name, capacity and teams. A new agent starts offline. Capacity
    /// counts the agent's conversations across the whole workspace, whatever team they came through.
    /// </summary>
    /// <exception cref="ArgumentException">An undefined id, an empty or over-long (200) display name, or a team listed twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A capacity outside 1 to <see cref="MaxCapacity"/>, or more than <see cref="MaxTeamsPerAgent"/> teams.</exception>
    /// <exception cref="TeamNotFoundException">A listed team is not defined.</exception>
    /// <exception cref="EngineStoppedException">The engine was disposed; nothing changed.</exception>
    public async ValueTask<Agent> RegisterAsync(WorkspaceId workspace, AgentRegistration registration, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        ArgumentNullException.ThrowIfNull(registration);
        Guard.Defined(registration.Id, nameof(registration.Id));
        Guard.NotNullOrWhiteSpace(registration.DisplayName, 200, nameof(registration.DisplayName));
        Guard.InRange(registration.MaxConcurrentConversations, 1, MaxCapacity, nameof(registration.MaxConcurrentConversations));
        ArgumentNullException.ThrowIfNull(registration.Teams, nameof(registration.Teams));
        Guard.InRange(registration.Teams.Count, 0, MaxTeamsPerAgent, nameof(registration.Teams));
        if (registration.Teams.Any(t => t.IsDefault) || registration.Teams.Distinct().Count() != registration.Teams.Count)
        {
            throw new ArgumentException("Teams must be defined TeamId values, each listed once.", nameof(registration));
        }

        _work.ThrowIfDisposed();
        var teams = await _store.ListTeamsAsync(workspace, cancellationToken).ConfigureAwait(false);
        foreach (var team in registration.Teams)
        {
            if (!teams.Any(t => t.Id == team))
            {
                throw new TeamNotFoundException(workspace, team);
            }
        }

        var agent = await _store.UpsertAgentAsync(workspace, registration, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await _router.AgentChangedAsync(agent, cancellationToken).ConfigureAwait(false);
        return agent;
    }

    /// <summary>
    /// Defines a team, or renames it or changes its fallback (feature R4). Agents join it through
    /// <see cref="AgentRegistration.Teams"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An undefined id, an empty or over-long (200) name, or a team that falls back to itself.</exception>
    /// <exception cref="TeamNotFoundException">The fallback team is not defined.</exception>
    public async ValueTask<Team> DefineTeamAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        ArgumentNullException.ThrowIfNull(team);
        if (team.Id.IsDefault || team.FallbackTeam is { IsDefault: true })
        {
            throw new ArgumentException("A team needs a defined TeamId, and so does its fallback team.", nameof(team));
        }

        Guard.NotNullOrWhiteSpace(team.Name, 200, nameof(team.Name));
        if (team.FallbackTeam == team.Id)
        {
            throw new ArgumentException($"Team '{team.Id}' cannot fall back to itself.", nameof(team));
        }

        if (team.FallbackTeam is { } fallback && !(await _store.ListTeamsAsync(workspace, cancellationToken).ConfigureAwait(false)).Any(t => t.Id == fallback))
        {
            throw new TeamNotFoundException(workspace, fallback);
        }

        var stored = await _store.UpsertTeamAsync(workspace, team, cancellationToken).ConfigureAwait(false);
        await _router.TeamDefinedAsync(workspace, stored, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Every team of the workspace, in the order they were defined.</summary>
    public ValueTask<IReadOnlyList<Team>> ListTeamsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => _store.ListTeamsAsync(Guard.Defined(workspace), cancellationToken);

    /// <summary>
    /// Sets the status the agent chose (feature R1). Only online agents receive conversations; going online counts as a
    /// heartbeat. Going offline starts the requeue grace period of <see cref="RoutingOptions.RequeuePolicy"/>.
    /// </summary>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined status value.</exception>
    /// <exception cref="EngineStoppedException">The engine was disposed; nothing changed.</exception>
    public async ValueTask<Agent> SetStatusAsync(WorkspaceId workspace, AgentId agentId, AgentStatus status, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        Guard.Defined(agentId);
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown agent status.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        _work.ThrowIfDisposed();
        var agent = await _store.SetAgentStatusAsync(workspace, agentId, status, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Log.AgentStatusChanged(_logger, workspace, agentId, status);
        await _router.AgentChangedAsync(agent, cancellationToken).ConfigureAwait(false);
        return agent;
    }

    /// <summary>
    /// Records that the agent's client is alive (feature R1). Send one well within <see cref="RoutingOptions.PresenceTimeout"/>
    /// (every 20 s for the default 60 s). An agent whose heartbeats stop receives no new conversation, whatever status
    /// they chose, and after the requeue grace period their conversations go back to the queue. The heartbeat is kept by
    /// <see cref="IAgentHeartbeats"/>: written to the store by default; in a cluster, held in memory and written only when
    /// the agent's presence changes (feature X7).
    /// </summary>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    /// <exception cref="EngineStoppedException">The engine was disposed; nothing changed.</exception>
    public async ValueTask<Agent> HeartbeatAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        Guard.Defined(agentId);
        _work.ThrowIfDisposed();
        var (agent, presenceChanged) = await _heartbeats.RecordAsync(workspace, agentId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (presenceChanged)
        {
            await _router.AgentChangedAsync(agent, cancellationToken).ConfigureAwait(false);
        }

        return agent;
    }

    /// <summary>The agent.</summary>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    public async ValueTask<Agent> GetAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        Guard.Defined(agentId);
        return await _store.FindAgentAsync(workspace, agentId, cancellationToken).ConfigureAwait(false) ?? throw new AgentNotFoundException(workspace, agentId);
    }

    /// <summary>Every agent of the workspace, in registration order.</summary>
    public ValueTask<IReadOnlyList<Agent>> ListAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => _store.ListAgentsAsync(Guard.Defined(workspace), cancellationToken);

    /// <summary>
    /// Is anyone available for this target? "Available" means online by choice, present by heartbeat, and with free
    /// capacity (feature R2). A team target counts its fallback team; an agent target counts the fallback team given
    /// with it. The playbook's live-chat card asks this before it hands over to a human.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="target">Who may take the conversation; the whole workspace when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TeamNotFoundException">The target's team is not defined.</exception>
    /// <exception cref="AgentNotFoundException">The target's agent is not registered.</exception>
    public ValueTask<bool> IsAvailableAsync(WorkspaceId workspace, RoutingTarget? target = null, CancellationToken cancellationToken = default)
        => _router.IsAvailableAsync(Guard.Defined(workspace), target ?? RoutingTarget.Workspace, cancellationToken);

    /// <summary>
    /// The agents the router would give a request for <paramref name="target"/> to now, and so the agents a request waiting
    /// for a claim alerts (features R4, R5): available agents (online, present, with a free seat) of the target; for a team
    /// with none available, those of its fallback team; for a named agent who is not available, those of the fallback team
    /// given with them. A host that shows pending requests per agent (an inbox reloaded after a reconnect) asks this, so it
    /// shows an alert to exactly the agents the router alerted. Thread-safe; a snapshot: availability changes at any time.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="target">Who may take the conversation; the whole workspace when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agents, in no particular order; empty when nobody is available or the target's team is not defined.</returns>
    public ValueTask<IReadOnlyList<AgentId>> ListAvailableAsync(WorkspaceId workspace, RoutingTarget? target = null, CancellationToken cancellationToken = default)
        => _router.AvailableForAsync(Guard.Defined(workspace), target ?? RoutingTarget.Workspace, cancellationToken);
}
