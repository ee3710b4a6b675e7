using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Polly.Registry;

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

    /// <summary>
    /// Orleans 10.4 builds its grain placement retries on the unkeyed clock. On a host's test clock, a placement that
    /// failed once (a directory lookup against a silo that just died) waited for a retry delay that never came, and every
    /// call to that grain queued behind it: issue 18's abrupt-end host check saw 30 s timeouts for 12 minutes.
    /// </summary>
    [Fact]
    public async Task UseOrleans_WithTheHostsFakeClock_RetriesAFailedPlacementOnRealTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await SiloCluster.StartAsync(s => s.AddSingleton<TimeProvider>(clock).AddLiveChat(), silos: 1);
        // The pipeline Orleans' placement service asks for, by its key and result type.
        var placement = cluster.Services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline<SiloAddress>(RuntimeClock.PlacementPipelineKey);
        var attempts = 0;
        var placedOn = SiloAddress.FromParsableString("127.0.0.1:11111@1");

        var placed = placement.ExecuteAsync(_ =>
        {
            if (++attempts == 1)
            {
                throw new OrleansException("the directory partition's owner just died");
            }

            return ValueTask.FromResult(placedOn);
        }).AsTask();

        (await placed.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(placedOn, "the retry waits on real time; the fake clock never moves here");
        attempts.Should().Be(2);
    }
}
