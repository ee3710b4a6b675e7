using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Orleans;

/// <summary>
/// The <see cref="IRoutingPort"/> of a silo (feature X7): sends each call to its workspace's <see cref="IRouterGrain"/>,
/// wherever in the cluster it is active, or straight to this silo's <see cref="InProcessRouting"/> when the grain is
/// active here. Thread-safe.
/// </summary>
internal sealed class OrleansRouting(IGrainFactory grains, InProcessRouting local, RoutingPartitions partitions) : IRoutingPort
{
    /// <inheritdoc />
    public async ValueTask<bool> IsAvailableAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (partitions.Owns(workspace))
        {
            return await local.IsAvailableAsync(workspace, target, cancellationToken).ConfigureAwait(false);
        }

        return await Router(workspace).IsAvailableAsync(target).WaitAsync(cancellationToken).ConfigureAwait(false) switch
        {
            RouterAvailability.Available => true,
            RouterAvailability.TeamNotFound => throw new TeamNotFoundException(workspace, target.Team!.Value),
            RouterAvailability.AgentNotFound => throw new AgentNotFoundException(workspace, target.Agent!.Value),
            _ => false,
        };
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AgentId>> AvailableForAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return partitions.Owns(workspace)
            ? await local.AvailableForAsync(workspace, target, cancellationToken).ConfigureAwait(false)
            : await Router(workspace).AvailableForAsync(target).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask TeamDefinedAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken)
        => partitions.Owns(workspace)
            ? local.TeamDefinedAsync(workspace, team, cancellationToken)
            : new(Router(workspace).TeamDefinedAsync(team).WaitAsync(cancellationToken));

    /// <inheritdoc />
    public ValueTask AgentChangedAsync(Agent agent, CancellationToken cancellationToken)
        => partitions.Owns(agent.Workspace)
            ? local.AgentChangedAsync(agent, cancellationToken)
            : new(Router(agent.Workspace).AgentChangedAsync(agent).WaitAsync(cancellationToken));

    /// <inheritdoc />
    public ValueTask ObserveAsync(Conversation before, Conversation after, CancellationToken cancellationToken)
        => partitions.Owns(after.Workspace)
            ? local.ObserveAsync(before, after, cancellationToken)
            : new(Router(after.Workspace).ObserveAsync(before, after).WaitAsync(cancellationToken));

    /// <inheritdoc />
    public ValueTask MessagePostedAsync(Conversation conversation, ChatMessage message, CancellationToken cancellationToken)
        => partitions.Owns(conversation.Workspace)
            ? local.MessagePostedAsync(conversation, message, cancellationToken)
            : new(Router(conversation.Workspace).MessagePostedAsync(conversation, message).WaitAsync(cancellationToken));

    private IRouterGrain Router(WorkspaceId workspace) => grains.GetGrain<IRouterGrain>(workspace.Value);
}
