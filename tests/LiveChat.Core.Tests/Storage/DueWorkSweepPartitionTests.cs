using LiveChat.Core.Storage;
using LiveChat.Core.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Storage;

/// <summary>
/// X7: several sweeps share the store's due work by partition (one due-work grain each in a cluster); every due item is
/// run by exactly one of them.
/// </summary>
public sealed class DueWorkSweepPartitionTests
{
    [Fact]
    public async Task RunDueAsync_EightPartitionsAtOnce_EveryItemRunByExactlyOnePartition()
    {
        const int Partitions = 8;
        const int Items = 200;
        await using var h = new LiveChatHarness();
        var store = h.Services.GetRequiredService<IDueWorkStore>();
        var stored = new List<DueWork>();
        for (var i = 0; i < Items; i++)
        {
            stored.Add(await store.ScheduleAsync(new DueWork(new WorkspaceId($"w{i % 7}"), $"c{i}", DueWorkKind.OfferExpiry, h.Clock.GetUtcNow().AddSeconds(-i))));
        }

        var sweep = h.Services.GetRequiredService<DueWorkSweep>();
        var ran = await Task.WhenAll(Enumerable.Range(0, Partitions).Select(i => Task.Run(async () => await sweep.RunDueAsync(new DueWorkPartition(i, Partitions)))));
        var again = await Task.WhenAll(Enumerable.Range(0, Partitions).Select(i => sweep.RunDueAsync(new DueWorkPartition(i, Partitions)).AsTask()));

        ran.Sum().Should().Be(Items, "every due item is run, once");
        ran.Should().Equal(Enumerable.Range(0, Partitions).Select(i => stored.Count(new DueWorkPartition(i, Partitions).Contains)), "each partition runs its own slice");
        ran.Should().OnlyContain(n => n < Items, "no partition runs the whole store");
        again.Should().OnlyContain(n => n == 0, "nothing is left for a second round");
        (await store.ListDueAsync(DateTimeOffset.MaxValue, Items)).Should().BeEmpty();
    }
}
