using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Agents;

/// <summary>Agents of a workspace and their availability (features R1, R2). Thread-safe.</summary>
public sealed class AgentService
{
    /// <summary>The most conversations one agent may be allowed at once.</summary>
    public const int MaxCapacity = 1000;

    private readonly IAgentStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AgentService> _logger;

    internal AgentService(IAgentStore store, TimeProvider time, ILogger<AgentService> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Registers an agent, or updates a registered agent's name and capacity. A new agent starts offline.</summary>
    /// <exception cref="ArgumentException">An undefined id, or an empty or over-long (200) display name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A capacity outside 1 to <see cref="MaxCapacity"/>.</exception>
    public ValueTask<Agent> RegisterAsync(WorkspaceId workspace, AgentRegistration registration, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        ArgumentNullException.ThrowIfNull(registration);
        Guard.Defined(registration.Id, nameof(registration.Id));
        Guard.NotNullOrWhiteSpace(registration.DisplayName, 200, nameof(registration.DisplayName));
        Guard.InRange(registration.MaxConcurrentConversations, 1, MaxCapacity, nameof(registration.MaxConcurrentConversations));
        return _store.UpsertAgentAsync(workspace, registration, _time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Sets the agent's availability. Only online agents receive conversations.</summary>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined status value.</exception>
    public async ValueTask<Agent> SetStatusAsync(WorkspaceId workspace, AgentId agentId, AgentStatus status, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        Guard.Defined(agentId);
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown agent status.");
        }

        var agent = await _store.SetAgentStatusAsync(workspace, agentId, status, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Log.AgentStatusChanged(_logger, workspace, agentId, status);
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

    /// <summary>Whether any agent is online with free capacity now (feature R2).</summary>
    public async ValueTask<bool> IsAnyoneAvailableAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => (await ListAsync(workspace, cancellationToken).ConfigureAwait(false)).Any(a => a.IsAvailable);
}
