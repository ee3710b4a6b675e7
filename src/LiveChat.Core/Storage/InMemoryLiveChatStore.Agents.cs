using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

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
                agent = existing with { DisplayName = registration.DisplayName, MaxConcurrentConversations = registration.MaxConcurrentConversations };
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
                data.Agents[agentId] = agent;
            }

            return ValueTask.FromResult(agent);
        }
    }
}
