using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace LiveChat.Orleans;

/// <summary>
/// Starts the cluster's <see cref="IDueWorkGrain"/> when this silo becomes active, if the silo has a reminder service
/// (<c>UseLiveChatPostgreSql</c> configures one); without one, due work runs on each process's own timers only.
/// </summary>
internal sealed class DueWorkStarter(IServiceProvider services, IGrainFactory grains) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(DueWorkStarter), ServiceLifecycleStage.Active, StartAsync);

    private Task StartAsync(CancellationToken cancellationToken)
        => services.GetService<IReminderTable>() is null
            ? Task.CompletedTask
            : grains.GetGrain<IDueWorkGrain>(0).StartAsync().WaitAsync(cancellationToken);
}
