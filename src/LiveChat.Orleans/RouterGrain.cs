using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using Orleans.Concurrency;

namespace LiveChat.Orleans;

/// <summary>
/// One workspace's routing for the whole cluster (features R1–R8, X7): runs the core's <see cref="InProcessRouting"/>
/// for its workspace in the silo where it is active, so the backlog, the round-robin turn, offers and timers of the
/// workspace live in exactly one process. Woken by the calls of every silo, never by polling.
/// </summary>
/// <remarks>
/// Reentrant: the workspace router it runs is thread-safe, and a drain that waits for a store commit must not hold
/// other silos' events back. On deactivation (the silo stops, or the grain is moved) it drops the workspace's table and
/// timers here; the next activation loads them from the store, which holds ownership, capacity and offers.
/// </remarks>
[Reentrant]
[KeepAlive]
internal sealed class RouterGrain(InProcessRouting routing, RoutingPartitions partitions) : Grain, IRouterGrain
{
    private WorkspaceId Workspace => new(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        partitions.Own(Workspace);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        partitions.Release(Workspace);
        routing.Unload(Workspace);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<RouterAvailability> IsAvailableAsync(RoutingTarget target)
    {
        try
        {
            return await routing.IsAvailableAsync(Workspace, target, CancellationToken.None).AsTask().ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext)
                ? RouterAvailability.Available
                : RouterAvailability.NotAvailable;
        }
        catch (TeamNotFoundException)
        {
            return RouterAvailability.TeamNotFound;
        }
        catch (AgentNotFoundException)
        {
            return RouterAvailability.AgentNotFound;
        }
    }

    /// <inheritdoc />
    public async Task<AgentId[]> AvailableForAsync(RoutingTarget target)
        => [.. await routing.AvailableForAsync(Workspace, target, CancellationToken.None).AsTask().ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext)];

    /// <inheritdoc />
    public Task TeamDefinedAsync(Team team) => routing.TeamDefinedAsync(Workspace, team, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task AgentChangedAsync(Agent agent) => routing.AgentChangedAsync(agent, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task ObserveAsync(Conversation before, Conversation after) => routing.ObserveAsync(before, after, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task MessagePostedAsync(Conversation conversation, ChatMessage message)
        => routing.MessagePostedAsync(conversation, message, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<DateTimeOffset?> OfferDueAsync(ConversationId conversationId) => routing.OfferDueAsync(Workspace, conversationId, CancellationToken.None).AsTask();
}
