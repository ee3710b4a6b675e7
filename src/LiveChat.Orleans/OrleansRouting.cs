using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Orleans;

/// <summary>
/// The <see cref="IRoutingPort"/> of a silo (feature X7): sends each call to its workspace's <see cref="IRouterGrain"/>,
/// wherever in the cluster it is active, or straight to this silo's <see cref="InProcessRouting"/> when the grain is
/// active here. A grain call rejected because a silo died is retried (<see cref="FrontDoorRetry"/>): every call here is
/// a notification of what the store already holds, or a read. Thread-safe.
/// </summary>
internal sealed class OrleansRouting(IGrainFactory grains, InProcessRouting local, RoutingPartitions partitions, FrontDoorRetry retry)
    : IRoutingPort
{
    /// <inheritdoc />
    public async ValueTask<bool> IsAvailableAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (partitions.Owns(workspace))
        {
            return await local.IsAvailableAsync(workspace, target, cancellationToken).ConfigureAwait(false);
        }

        return await retry.RunAsync(() => Router(workspace).IsAvailableAsync(target).WaitAsync(cancellationToken), cancellationToken).ConfigureAwait(false) switch
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
            : await retry.RunAsync(() => Router(workspace).AvailableForAsync(target).WaitAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask TeamDefinedAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken)
        => partitions.Owns(workspace)
            ? local.TeamDefinedAsync(workspace, team, cancellationToken)
            : new(retry.RunAsync(() => Router(workspace).TeamDefinedAsync(team).WaitAsync(cancellationToken), cancellationToken));

    /// <inheritdoc />
    public ValueTask AgentChangedAsync(Agent agent, CancellationToken cancellationToken)
        => partitions.Owns(agent.Workspace)
            ? local.AgentChangedAsync(agent, cancellationToken)
            : new(retry.RunAsync(() => Router(agent.Workspace).AgentChangedAsync(agent).WaitAsync(cancellationToken), cancellationToken));

    /// <inheritdoc />
    public ValueTask ObserveAsync(Conversation before, Conversation after, CancellationToken cancellationToken)
        => partitions.Owns(after.Workspace)
            ? local.ObserveAsync(before, after, cancellationToken)
            : new(retry.RunAsync(() => Router(after.Workspace).ObserveAsync(before, after).WaitAsync(cancellationToken), cancellationToken));

    /// <inheritdoc />
    public ValueTask MessagePostedAsync(Conversation conversation, ChatMessage message, CancellationToken cancellationToken)
        => partitions.Owns(conversation.Workspace)
            ? local.MessagePostedAsync(conversation, message, cancellationToken)
            : new(retry.RunAsync(() => Router(conversation.Workspace).MessagePostedAsync(conversation, message).WaitAsync(cancellationToken), cancellationToken));

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> OfferDueAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
        => partitions.Owns(workspace)
            ? local.OfferDueAsync(workspace, conversationId, cancellationToken)
            : new(retry.RunAsync(() => Router(workspace).OfferDueAsync(conversationId).WaitAsync(cancellationToken), cancellationToken));

    private IRouterGrain Router(WorkspaceId workspace) => grains.GetGrain<IRouterGrain>(workspace.Value);
}
