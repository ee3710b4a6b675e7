using CsCheck;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// The pool's indexes against a plain model: for random member counts (past the 4,096 members one summary word covers)
/// and random updates, strict and balanced round robin and least busy pick exactly what a scan of every member would pick.
/// </summary>
public sealed class AgentPoolTests
{
    [Fact]
    public void Picks_AgreeWithAScanOfEveryMember_ForAnySequenceOfUpdates()
    {
        var update = Gen.Select(Gen.Int[0, 9_999], Gen.Bool, Gen.Int[0, 6], Gen.Int[0, 3]);
        Gen.Select(Gen.Int[1, 10_000], update.Array[1, 300]).Sample((size, updates) =>
        {
            var pool = new AgentPool();
            var model = new Member[size];
            for (var i = 0; i < size; i++)
            {
                pool.Add(ordinal: i).Should().Be(i);
                model[i] = new Member(false, 0, 0);
            }

            long clock = 0;
            var cursor = -1;
            foreach (var (m, available, load, action) in updates)
            {
                var member = m % size;
                var moved = model[member].Load != load || action == 0;
                pool.Update(member, available, load, moved);
                var stillThere = model[member].Available && available && !moved;
                model[member] = available ? new Member(true, load, stillThere ? model[member].Since : ++clock) : new Member(false, 0, 0);

                pool.AvailableCount.Should().Be(model.Count(x => x.Available));
                var exclude = action == 1 ? member : -1;
                pool.PickRoundRobin(exclude).Should().Be(ExpectedRoundRobin(model, cursor, exclude));
                pool.PickLeastBusy(exclude).Should().Be(ExpectedLeastBusy(model, exclude));
                pool.PickBalanced(exclude).Should().Be(ExpectedBalanced(model, cursor, exclude));
                if (action == 2 && pool.PickRoundRobin() is var picked and >= 0)
                {
                    pool.Picked(picked);
                    cursor = picked;
                }
            }
        }, iter: 200);
    }

    private static int ExpectedRoundRobin(Member[] model, int cursor, int exclude)
    {
        var order = Enumerable.Range(cursor + 1, model.Length - cursor - 1).Concat(Enumerable.Range(0, cursor + 1)).Where(i => model[i].Available).ToList();
        return order.Count == 0 ? -1 : order.FirstOrDefault(i => i != exclude, order[0]);
    }

    private static int ExpectedBalanced(Member[] model, int cursor, int exclude)
    {
        var order = Enumerable.Range(cursor + 1, model.Length - cursor - 1).Concat(Enumerable.Range(0, cursor + 1))
            .Where(i => model[i].Available && i != exclude).ToList();
        return order.Count == 0
            ? (exclude >= 0 && model[exclude].Available ? exclude : -1)
            : order.First(i => model[i].Load == order.Min(j => model[j].Load));
    }

    private static int ExpectedLeastBusy(Member[] model, int exclude)
    {
        var candidates = Enumerable.Range(0, model.Length).Where(i => model[i].Available)
            .OrderBy(i => model[i].Load).ThenBy(i => model[i].Since).ToList();
        return candidates.Count == 0 ? -1 : candidates.FirstOrDefault(i => i != exclude, candidates[0]);
    }

    private sealed record Member(bool Available, int Load, long Since);
}
