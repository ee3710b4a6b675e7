using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace LiveChat.Orleans.Tests;

/// <summary>
/// X7: the host's clock drives the engine, Orleans' own maintenance runs on real time. A host (or a test) that gives
/// the engine a <see cref="FakeTimeProvider"/> must not also hand it Orleans' membership probes, message timeouts and
/// background loops: advancing the fake clock would run those loops inline on the advancing thread (R8's least-busy
/// property spun there for minutes).
/// </summary>
public sealed class RuntimeClockTests
{
    [Fact]
    public async Task UseOrleans_WithTheHostsFakeClock_KeepsTheEngineOnItAndOrleansMaintenanceOnRealTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await SiloCluster.StartAsync(s => s.AddSingleton<TimeProvider>(clock).AddLiveChat(), silos: 1);
        var silo = cluster.Services;

        silo.GetRequiredService<TimeProvider>().Should().BeSameAs(clock, "the engine and the grains' timers follow the host's clock");
        foreach (var area in new[] { TimeProviderNames.Messaging, TimeProviderNames.Membership, TimeProviderNames.SystemTimers, TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory })
        {
            silo.GetRequiredKeyedService<TimeProvider>(area).Should().BeSameAs(TimeProvider.System, $"{area} is Orleans' own maintenance");
        }
    }
}
