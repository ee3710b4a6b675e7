using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Hosting;
using Orleans.Runtime;

namespace LiveChat.Orleans;

/// <summary>
/// One workspace's routing for the whole cluster (features R1–R8, X7): runs the core's <see cref="InProcessRouting"/>
/// for its workspace in the silo where it is active, so the backlog, the round-robin turn, offers and timers of the
/// workspace live in exactly one process. Woken by the calls of every silo, never by polling.
/// </summary>
/// <remarks>
/// Reentrant: the workspace router it runs is thread-safe, and a drain that waits for a store commit must not hold
/// other silos' events back. With a reminder service it keeps a reminder (every
/// <see cref="ReminderOptions.MinimumReminderPeriod"/>) whose tick loads the workspace: after the death of its silo the
/// grain is activated again on a survivor within that period, and re-arms what the store holds. On deactivation (the
/// silo stops, or the grain is moved) it drops the workspace's table and timers here; the next activation loads them
/// from the store, which holds ownership, capacity and offers.
/// </remarks>
[Reentrant]
[KeepAlive]
internal sealed class RouterGrain(InProcessRouting routing, RoutingPartitions partitions, IServiceProvider services, IOptions<ReminderOptions> reminders)
    : Grain, IRouterGrain, IRemindable
{
    /// <summary>The reminder that brings the grain back on a survivor after its silo died.</summary>
    public const string KeepAlive = "livechat.router";

    private WorkspaceId Workspace => new(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        partitions.Own(Workspace);

        // Durable only with a reminder service (UseLiveChatPostgreSql). Its tick loads the workspace, so an activation
        // it causes re-arms the offers and presence timers the dead silo held, without waiting for traffic.
        if (services.GetService<IReminderTable>() is not null && await this.GetReminder(KeepAlive, cancellationToken).ConfigureAwait(true) is null)
        {
            var period = reminders.Value.MinimumReminderPeriod;
            await this.RegisterOrUpdateReminder(KeepAlive, period, period, cancellationToken).ConfigureAwait(true);
        }
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => IsAvailableAsync(RoutingTarget.Workspace);

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
}
