using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Flow;
using LiveChat.Core.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LiveChat.Core.Tests.Flow;

/// <summary>
/// Issue 15 (one-way flow: a call never waits for other conversations): the commit order the dispatcher holds across a
/// commit and its enqueue is the conversation's own. A commit held in the store (a slow disk, a lock wait) delays that
/// conversation's next commit and no other; with gates shared by hash, one conversation in 256 waited for it.
/// </summary>
public sealed class CommitOrderTests : IAsyncDisposable
{
    private readonly BackgroundWork _work = new(TimeProvider.System, NullLogger<BackgroundWork>.Instance);
    private readonly ConversationDispatcher _dispatcher;

    public CommitOrderTests()
        => _dispatcher = new ConversationDispatcher(new ServiceCollection().BuildServiceProvider(), _work, NullLogger<ConversationDispatcher>.Instance);

    public async ValueTask DisposeAsync() => await _work.DisposeAsync();

    [Fact]
    public async Task OrderAsync_WhileAnotherConversationsOrderIsHeld_IsEnteredAtOnce_ForEveryConversation()
    {
        var held = await _dispatcher.OrderAsync(new ConversationId(Guid.CreateVersion7()), CancellationToken.None);

        // 2,000 other conversations: with 256 shared gates, all but about 0.04 % of such runs had one wait.
        for (var i = 0; i < 2_000; i++)
        {
            var other = _dispatcher.OrderAsync(new ConversationId(Guid.CreateVersion7()), CancellationToken.None);
            other.IsCompletedSuccessfully.Should().BeTrue($"conversation {i} has its own commit order, free while another's is held");
            (await other).Dispose();
        }

        held.Dispose();
        _dispatcher.OpenCommitGates.Should().Be(0, "a conversation nobody commits to keeps no gate");
    }

    [Fact]
    public async Task OrderAsync_SameConversation_WaitsForTheHolder_ThenEnters()
    {
        var id = new ConversationId(Guid.CreateVersion7());
        var first = await _dispatcher.OrderAsync(id, CancellationToken.None);

        var second = _dispatcher.OrderAsync(id, CancellationToken.None).AsTask();
        second.IsCompleted.Should().BeFalse("one commit of a conversation at a time");
        _dispatcher.OpenCommitGates.Should().Be(1);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        _dispatcher.OpenCommitGates.Should().Be(0);
    }

    [Fact]
    public async Task OrderAsync_CancelledWhileWaiting_LeavesWithoutTheOrder_AndTheGateIsDroppedOnceFree()
    {
        var id = new ConversationId(Guid.CreateVersion7());
        var first = await _dispatcher.OrderAsync(id, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = _dispatcher.OrderAsync(id, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await waiting.Invoking(t => t.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<OperationCanceledException>();
        _dispatcher.OpenCommitGates.Should().Be(1, "the holder still has it");
        first.Dispose();
        _dispatcher.OpenCommitGates.Should().Be(0);
        (await _dispatcher.OrderAsync(id, CancellationToken.None)).Dispose();
    }

    [Fact]
    public async Task OrderAsync_ManyFlowsOnFewConversations_OneHolderPerConversation_AndNoGateLeftBehind()
    {
        (await CountOverlapsAsync(flows: 20_000, freshEvery: 0)).Should().Be(0, "a conversation's commit order has one holder at a time");
        _dispatcher.OpenCommitGates.Should().Be(0);
    }

    [Fact]
    public async Task OrderAsync_PastTheSweepFloor_DropsTheUnusedGates_AndAHeldGateStaysItsConversations()
    {
        var held = new ConversationId(Guid.CreateVersion7());
        var holder = await _dispatcher.OrderAsync(held, CancellationToken.None);
        for (var i = 0; i < CommitGates.SweepFloor + 100; i++)
        {
            (await _dispatcher.OrderAsync(new ConversationId(Guid.CreateVersion7()), CancellationToken.None)).Dispose();
        }

        _dispatcher.KeptCommitGates.Should().BeLessThan(CommitGates.SweepFloor, "a sweep dropped the gates nobody used");
        var second = _dispatcher.OrderAsync(held, CancellationToken.None).AsTask();
        second.IsCompleted.Should().BeFalse("the held gate survived the sweep, so its conversation still has one holder");

        holder.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        _dispatcher.OpenCommitGates.Should().Be(0);
    }

    [Fact]
    public async Task OrderAsync_WhileSweepsRun_OneHolderPerConversation()
    {
        // Every other flow commits to a fresh conversation, which keeps the index past the sweep floor: a gate a sweep
        // retires between another flow's lookup and its retain must never leave a conversation with two gates.
        (await CountOverlapsAsync(flows: 60_000, freshEvery: 2)).Should().Be(0, "a conversation's commit order has one holder at a time, through the sweeps");
        _dispatcher.OpenCommitGates.Should().Be(0);
        _dispatcher.KeptCommitGates.Should().BeLessThanOrEqualTo(2 * CommitGates.SweepFloor, "sweeps keep the index bounded");
    }

    /// <summary>
    /// Runs <paramref name="flows"/> flows, 8 at a time, on 8 conversations (every <paramref name="freshEvery"/>th on a
    /// fresh one instead, when positive), and counts the times a conversation's order had two holders.
    /// </summary>
    private async Task<int> CountOverlapsAsync(int flows, int freshEvery)
    {
        var ids = Enumerable.Range(0, 8).Select(_ => new ConversationId(Guid.CreateVersion7())).ToArray();
        var holders = new int[ids.Length];
        var overlaps = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, flows), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            if (freshEvery > 0 && i % freshEvery == 0)
            {
                (await _dispatcher.OrderAsync(new ConversationId(Guid.CreateVersion7()), ct)).Dispose();
                return;
            }

            var k = i % ids.Length;
            using (await _dispatcher.OrderAsync(ids[k], ct))
            {
                if (Interlocked.Increment(ref holders[k]) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                if (i % 7 == 0)
                {
                    await Task.Yield();
                }

                Interlocked.Decrement(ref holders[k]);
            }
        });

        return overlaps;
    }
}
