using FluentAssertions;
using LiveChat.Core.Flow;
using LiveChat.Core.Testing;
using Xunit;

namespace LiveChat.Core.Tests.Flow;

/// <summary>
/// Issue 15 (write-path cost): the gate that keeps a conversation's commits and their events in one order (feature N2)
/// is entered with no wait when free, admits one holder at a time, and hands itself to waiters first come, first served.
/// </summary>
public sealed class CommitGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void EnterAsync_FreeGate_CompletesSynchronously()
    {
        var gate = new CommitGate();

        var entered = gate.EnterAsync(CancellationToken.None);

        entered.IsCompletedSuccessfully.Should().BeTrue();
        gate.IsHeld.Should().BeTrue();
        gate.Exit();
        gate.IsHeld.Should().BeFalse();
    }

    [Fact]
    public async Task Exit_WithQueuedWaiters_HandsTheGateToThemInArrivalOrder()
    {
        const int Waiters = 50;
        var gate = new CommitGate();
        await gate.EnterAsync(CancellationToken.None);
        var order = new List<int>();
        var waiting = new List<Task>();
        for (var i = 0; i < Waiters; i++)
        {
            var index = i;
            var entered = gate.EnterAsync(CancellationToken.None).AsTask();
            entered.IsCompleted.Should().BeFalse("the gate is held");
            waiting.Add(entered.ContinueWith(
                _ =>
                {
                    lock (order)
                    {
                        order.Add(index);
                    }

                    gate.Exit();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default));
        }

        gate.Exit();
        await Task.WhenAll(waiting).WaitAsync(Patience);

        order.Should().Equal(Enumerable.Range(0, Waiters));
        gate.IsHeld.Should().BeFalse();
    }

    [Fact]
    public async Task EnterAsync_WaiterCancelled_IsPassedOverAndNeverHoldsTheGate()
    {
        var gate = new CommitGate();
        await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(cancel.Token).AsTask();
        var next = gate.EnterAsync(CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        var thrown = await Concurrently.CatchAsync(() => cancelled.WaitAsync(Patience));
        gate.Exit();
        await next.WaitAsync(Patience);

        thrown.Should().BeAssignableTo<OperationCanceledException>();
        gate.IsHeld.Should().BeTrue("the waiter behind the cancelled one holds it");
        gate.Exit();
        gate.IsHeld.Should().BeFalse();
        var again = gate.EnterAsync(CancellationToken.None);
        again.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task Exit_EveryWaiterCancelled_FreesTheGate()
    {
        var gate = new CommitGate();
        await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Concurrently.CatchAsync(() => cancelled.WaitAsync(Patience));

        gate.Exit();

        gate.IsHeld.Should().BeFalse();
    }

    [Fact]
    public void Exit_GateNotHeld_ThrowsSynchronizationLockException()
    {
        var gate = new CommitGate();

        var exit = gate.Exit;

        exit.Should().Throw<SynchronizationLockException>();
    }

    [Fact]
    public async Task EnterAsync_EightWorkersContending_AdmitOneHolderAtATimeAndLoseNoUpdate()
    {
        const int Workers = 8;
        const int Rounds = 2000;
        var gate = new CommitGate();
        var holders = 0;
        var most = 0;
        var counter = 0;

        await Concurrently.RunAsync(Workers, async worker =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                await gate.EnterAsync(CancellationToken.None);
                var inside = Interlocked.Increment(ref holders);
                InterlockedMax(ref most, inside);

                // A read-modify-write split by a yield: two holders at once would lose updates.
                var seen = counter;
                if (i % 7 == worker % 7)
                {
                    await Task.Yield();
                }

                counter = seen + 1;
                Interlocked.Decrement(ref holders);
                gate.Exit();
            }
        }).WaitAsync(Patience);

        most.Should().Be(1);
        counter.Should().Be(Workers * Rounds);
        gate.IsHeld.Should().BeFalse();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var found = Interlocked.CompareExchange(ref target, value, current);
            if (found == current)
            {
                return;
            }

            current = found;
        }
    }
}
