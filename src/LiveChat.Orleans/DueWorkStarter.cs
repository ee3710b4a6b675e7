using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace LiveChat.Orleans;

/// <summary>
/// Starts the cluster's <see cref="IDueWorkGrain"/>s (one per partition, <see cref="LiveChatClusterOptions.DueWorkPartitions"/>)
/// when this silo becomes active, if the silo has a reminder service (<c>UseLiveChatPostgreSql</c> configures one);
/// without one, due work runs on each process's own timers only.
/// </summary>
internal sealed class DueWorkStarter(IServiceProvider services, IGrainFactory grains, IOptions<LiveChatClusterOptions> options) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(DueWorkStarter), ServiceLifecycleStage.Active, StartAsync);

    private Task StartAsync(CancellationToken cancellationToken)
        => services.GetService<IReminderTable>() is null
            ? Task.CompletedTask
            : Task.WhenAll(Enumerable.Range(0, options.Value.DueWorkPartitions).Select(i => grains.GetGrain<IDueWorkGrain>(i).StartAsync())).WaitAsync(cancellationToken);
}
