using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Storage;

/// <content>Agents and their availability, under the workspace's lock.</content>
public sealed partial class InMemoryLiveChatStore
{
    /// <inheritdoc />
    public ValueTask<Agent> UpsertAgentAsync(WorkspaceId workspace, AgentRegistration registration, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var data = Workspace(workspace);
        lock (data.Gate)
        {
            Agent agent;
            if (data.Agents.TryGetValue(registration.Id, out var existing))
            {
                agent = existing with
                {
                    DisplayName = registration.DisplayName,
                    MaxConcurrentConversations = registration.MaxConcurrentConversations,
                    Teams = [.. registration.Teams],
                };
            }
            else
            {
                agent = new Agent
                {
                    Workspace = workspace,
                    Id = registration.Id,
                    DisplayName = registration.DisplayName,
                    MaxConcurrentConversations = registration.MaxConcurrentConversations,
                    Status = AgentStatus.Offline,
                    StatusChangedAt = now,
                    Teams = [.. registration.Teams],
                };
                data.AgentOrder.Add(registration.Id);
            }

            data.Agents[registration.Id] = agent;
            return ValueTask.FromResult(agent);
        }
    }

    /// <inheritdoc />
    public ValueTask<Agent?> FindAgentAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_workspaces.TryGetValue(workspace, out var data) ? data.Agents.GetValueOrDefault(agentId) : null);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Agent>> ListAgentsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        if (!_workspaces.TryGetValue(workspace, out var data))
        {
            return ValueTask.FromResult<IReadOnlyList<Agent>>([]);
        }

        lock (data.Gate)
        {
            return ValueTask.FromResult<IReadOnlyList<Agent>>(data.AgentOrder.Select(id => data.Agents[id]).ToList());
        }
    }

    /// <inheritdoc />
    public ValueTask<Agent> SetAgentStatusAsync(WorkspaceId workspace, AgentId agentId, AgentStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var data = Workspace(workspace);
        lock (data.Gate)
        {
            var agent = data.Agents.GetValueOrDefault(agentId) ?? throw new AgentNotFoundException(workspace, agentId);
            if (agent.Status != status)
            {
                agent = agent with { Status = status, StatusChangedAt = now };
            }

            if (status == AgentStatus.Online && (agent.LastSeenAt is null || agent.LastSeenAt < now))
            {
                agent = agent with { LastSeenAt = now };
            }

            data.Agents[agentId] = agent;
            return ValueTask.FromResult(agent);
        }
    }

    /// <inheritdoc />
    public ValueTask<Agent> RecordHeartbeatAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var data = Workspace(workspace);
        lock (data.Gate)
        {
            var agent = data.Agents.GetValueOrDefault(agentId) ?? throw new AgentNotFoundException(workspace, agentId);
            if (agent.LastSeenAt is null || agent.LastSeenAt < now)
            {
                agent = agent with { LastSeenAt = now };
                data.Agents[agentId] = agent;
            }

            return ValueTask.FromResult(agent);
        }
    }

    /// <inheritdoc />
    public ValueTask<Team> UpsertTeamAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        var data = Workspace(workspace);
        lock (data.Gate)
        {
            var index = data.Teams.FindIndex(t => t.Id == team.Id);
            if (index < 0)
            {
                data.Teams.Add(team);
            }
            else
            {
                data.Teams[index] = team;
            }

            return ValueTask.FromResult(team);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Team>> ListTeamsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        if (!_workspaces.TryGetValue(workspace, out var data))
        {
            return ValueTask.FromResult<IReadOnlyList<Team>>([]);
        }

        lock (data.Gate)
        {
            return ValueTask.FromResult<IReadOnlyList<Team>>([.. data.Teams]);
        }
    }
}
