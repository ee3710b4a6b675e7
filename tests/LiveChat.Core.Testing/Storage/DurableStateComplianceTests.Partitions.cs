using FluentAssertions;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// Due work of the presence grace (features R1, R6, X7: one item per agent, moved in place) and partitioned listing (X7:
/// several sweeps share the store, each asking for its slice).
/// </summary>
public abstract partial class DurableStateComplianceTests
{
    [Fact]
    public async Task DueWork_PresenceGrace_OneItemPerAgentMovedInPlace()
    {
        var agent = "agent/ü 1";
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, agent, DueWorkKind.PresenceGrace, Now.AddSeconds(60)));
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "agent-2", DueWorkKind.PresenceGrace, Now.AddSeconds(90)));
        var moved = await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, agent, DueWorkKind.PresenceGrace, Now.AddSeconds(120)));

        (await Stores.DueWork.FindAsync(Workspace, agent, DueWorkKind.PresenceGrace)).Should().Be(moved);
        (await Stores.DueWork.ListDueAsync(Now.AddSeconds(100), 10)).Select(w => w.Subject).Should().Equal(["agent-2"], "the first agent's item moved past the instant");
        (await Stores.DueWork.CancelAsync(Workspace, agent, DueWorkKind.PresenceGrace)).Should().BeTrue();
        (await Stores.DueWork.ListDueAsync(DateTimeOffset.MaxValue, 10)).Select(w => w.Subject).Should().Equal(["agent-2"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public async Task DueWork_ListDueByPartition_EveryItemInExactlyOnePartition_AsItsGenerationSays(int count)
    {
        var kinds = Enum.GetValues<DueWorkKind>();
        var stored = new List<DueWork>();
        for (var i = 0; i < 40; i++)
        {
            stored.Add(await Stores.DueWork.ScheduleAsync(new DueWork(i % 2 == 0 ? Workspace : Other, $"s{i}", kinds[i % kinds.Length], Now.AddSeconds(i))));
        }

        var slices = new List<IReadOnlyList<DueWork>>();
        for (var index = 0; index < count; index++)
        {
            var partition = new DueWorkPartition(index, count);
            var slice = await Stores.DueWork.ListDueAsync(DateTimeOffset.MaxValue, 100, partition);
            // A slice may be empty: generations come from a store-wide sequence that other tests draw from too, so 40
            // items need not reach all eight partitions (OnlyContain fails on an empty slice; this checks the same thing).
            slice.Where(w => !(partition.Contains(w) && DueWorkPartition.IndexOf(w.Generation, count) == index))
                .Should().BeEmpty("a partition lists only the items its generation gives it");
            slice.Select(w => w.DueAt).Should().BeInAscendingOrder();
            slices.Add(slice);
        }

        slices.SelectMany(s => s).Should().BeEquivalentTo(stored, "together the partitions list every item, each once");
        if (count > 1)
        {
            slices.Should().OnlyContain(s => s.Count < stored.Count, "no partition lists the whole store");
        }
    }

    [Fact]
    public async Task DueWork_ListDueByPartition_LimitCountsThePartitionsItemsOnly()
    {
        var stored = new List<DueWork>();
        for (var i = 0; i < 30; i++)
        {
            stored.Add(await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, $"s{i}", DueWorkKind.OfferExpiry, Now.AddSeconds(i))));
        }

        var partition = new DueWorkPartition(1, 2);
        var mine = stored.Where(partition.Contains).OrderBy(w => w.DueAt).ToList();

        (await Stores.DueWork.ListDueAsync(DateTimeOffset.MaxValue, 3, partition)).Should().Equal(mine.Take(3));
        (await Stores.DueWork.ListDueAsync(mine[1].DueAt, 100, partition)).Should().Equal(mine.Take(2), "due by the instant, in the partition");
    }

    [Fact]
    public void DueWorkPartition_BadShape_Refused()
    {
        FluentActions.Invoking(() => new DueWorkPartition(0, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new DueWorkPartition(-1, 4)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new DueWorkPartition(4, 4)).Should().Throw<ArgumentOutOfRangeException>();
        default(DueWorkPartition).Should().Be(DueWorkPartition.All, "the default is the whole store");
        DueWorkPartition.IndexOf(-7, 4).Should().Be(1, "a remainder is never negative");
    }
}
