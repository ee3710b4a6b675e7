using FluentAssertions;
using LiveChat.Core.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LiveChat.Core.Tests.Internal;

public sealed class BackgroundWorkTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Run_ReturnsBeforeTheWorkRuns_AndWhenIdleWaitsForIt()
    {
        await using var work = NewWork();
        var release = new TaskCompletionSource();
        var ran = false;

        work.Run(
            async _ =>
            {
                await release.Task;
                ran = true;
            },
            "test");

        ran.Should().BeFalse();
        var idle = work.WhenIdleAsync();
        idle.IsCompleted.Should().BeFalse();
        release.SetResult();
        await idle;
        ran.Should().BeTrue();
    }

    [Fact]
    public async Task Run_FailingWork_IsLoggedAndDoesNotReachTheCaller()
    {
        await using var work = NewWork();
        work.Run(_ => throw new InvalidOperationException("boom"), "test");
        await work.WhenIdleAsync();
    }

    [Fact]
    public async Task WhenIdle_WaitsForWorkStartedByWork()
    {
        await using var work = NewWork();
        var inner = new TaskCompletionSource();
        var innerDone = false;
        work.Run(
            _ =>
            {
                work.Run(
                    async _ =>
                    {
                        await inner.Task;
                        innerDone = true;
                    },
                    "inner");
                return Task.CompletedTask;
            },
            "outer");

        var idle = work.WhenIdleAsync();
        inner.SetResult();
        await idle;
        innerDone.Should().BeTrue();
    }

    [Fact]
    public async Task Stop_CancelsStoppingAndWaitsForWorkInFlight()
    {
        var work = NewWork();
        var observedCancel = false;
        var started = new TaskCompletionSource();
        work.Run(
            async ct =>
            {
                started.SetResult();
                try
                {
                    await new TaskCompletionSource().Task.WaitAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    observedCancel = true;
                    throw;
                }
            },
            "long");
        await started.Task;

        await work.DisposeAsync();

        observedCancel.Should().BeTrue();
        work.IsStopped.Should().BeTrue();
    }

    /// <summary>
    /// A tracked task that ends cancelled or failed (a reaction lane run on for a caller who stopped waiting, cancelled by the
    /// stop) is waited for, and its outcome left to its caller: the stop completes. Seen in the Orleans scenario run:
    /// a silo's stop threw TaskCanceledException out of WhenIdleAsync.
    /// </summary>
    [Fact]
    public async Task Stop_ATrackedTaskEndsCancelledOrFailed_WaitsForIt_AndDoesNotThrow()
    {
        await using var work = NewWork();
        var failing = new TaskCompletionSource();
        var cancelled = Task.Delay(Timeout.InfiniteTimeSpan, _time, work.Stopping);
        work.Track(cancelled);
        work.Track(failing.Task);

        var stop = work.StopAsync(CancellationToken.None);
        stop.IsCompleted.Should().BeFalse("a tracked task still runs");
        failing.SetException(new InvalidOperationException("the reaction failed"));

        await stop;
        cancelled.IsCanceled.Should().BeTrue();
        await work.WhenIdleAsync();
    }

    [Fact]
    public async Task Run_AfterStop_IsIgnored()
    {
        var work = NewWork();
        await work.StopAsync(CancellationToken.None);
        var ran = false;
        work.Run(
            _ =>
            {
                ran = true;
                return Task.CompletedTask;
            },
            "late");
        await work.WhenIdleAsync();
        ran.Should().BeFalse();
    }

    [Fact]
    public async Task Worker_PokesDuringAPass_RunExactlyOneMorePass_NeverTwoAtOnce()
    {
        await using var work = NewWork();
        var gate = new TaskCompletionSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var passes = 0;
        var concurrent = 0;
        var maxConcurrent = 0;
        var worker = work.CreateWorker(
            async _ =>
            {
                var now = Interlocked.Increment(ref concurrent);
                maxConcurrent = Math.Max(maxConcurrent, now);
                Interlocked.Increment(ref passes);
                started.TrySetResult();
                await gate.Task;
                Interlocked.Decrement(ref concurrent);
            },
            "drain");

        worker.Poke();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        passes.Should().Be(1);
        for (var i = 0; i < 50; i++)
        {
            worker.Poke();
        }

        gate.SetResult();
        await work.WhenIdleAsync();

        passes.Should().Be(2);
        maxConcurrent.Should().Be(1);
        worker.IsRunning.Should().BeFalse();
    }

    [Fact]
    public async Task Worker_PokeInlineWhenIdle_RunsThePassOnTheCallersThread_BeforeReturning()
    {
        await using var work = NewWork();
        var caller = Environment.CurrentManagedThreadId;
        int? ranOn = null;
        var worker = work.CreateWorker(
            _ =>
            {
                ranOn = Environment.CurrentManagedThreadId;
                return ValueTask.CompletedTask;
            },
            "drain");

        worker.PokeInline();

        ranOn.Should().Be(caller);
        worker.IsRunning.Should().BeFalse();
    }

    [Fact]
    public async Task Worker_PokeInlineWhileAPassRuns_RunsExactlyOneMorePass_NeverTwoAtOnce()
    {
        await using var work = NewWork();
        var gate = new TaskCompletionSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var passes = 0;
        var concurrent = 0;
        var maxConcurrent = 0;
        var worker = work.CreateWorker(
            async _ =>
            {
                maxConcurrent = Math.Max(maxConcurrent, Interlocked.Increment(ref concurrent));
                Interlocked.Increment(ref passes);
                started.TrySetResult();
                await gate.Task;
                Interlocked.Decrement(ref concurrent);
            },
            "drain");

        worker.Poke();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        passes.Should().Be(1);
        worker.PokeInline();
        worker.PokeInline();
        gate.SetResult();
        await work.WhenIdleAsync();

        passes.Should().Be(2);
        maxConcurrent.Should().Be(1);
    }

    [Fact]
    public async Task Worker_AfterAFailedPass_RunsAgainOnTheNextPoke()
    {
        await using var work = NewWork();
        var passes = 0;
        var worker = work.CreateWorker(
            _ => ++passes == 1 ? throw new InvalidOperationException("first pass fails") : ValueTask.CompletedTask,
            "drain");

        worker.Poke();
        await work.WhenIdleAsync();
        worker.Poke();
        await work.WhenIdleAsync();

        passes.Should().Be(2);
    }

    [Fact]
    public async Task Worker_ConcurrentPokes_NeverOverlapAndEndWithAPassAfterTheLastPoke()
    {
        await using var work = NewWork();
        var counter = 0;
        var seenAtPassStart = -1;
        var overlapping = 0;
        var overlapped = false;
        var worker = work.CreateWorker(
            async _ =>
            {
                if (Interlocked.Increment(ref overlapping) > 1)
                {
                    overlapped = true;
                }

                seenAtPassStart = Volatile.Read(ref counter);
                await Task.Yield();
                Interlocked.Decrement(ref overlapping);
            },
            "drain");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                Interlocked.Increment(ref counter);
                worker.Poke();
            }
        })));
        await work.WhenIdleAsync();

        overlapped.Should().BeFalse();
        seenAtPassStart.Should().Be(4000, "the last poke is followed by a pass that started after it");
    }

    [Fact]
    public async Task Timers_FireOnceWhenDue_AndOnlyThen()
    {
        await using var work = NewWork();
        var fired = new List<string>();
        var timers = work.CreateTimers<string>(
            (key, _) =>
            {
                lock (fired)
                {
                    fired.Add(key);
                }

                return Task.CompletedTask;
            },
            "timers");

        timers.Arm("offer", TimeSpan.FromSeconds(30));
        timers.Arm("form", TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5));
        await work.WhenIdleAsync();
        fired.Should().Equal("form");
        timers.IsArmed("form").Should().BeFalse();
        timers.IsArmed("offer").Should().BeTrue();

        _time.Advance(TimeSpan.FromSeconds(60));
        await work.WhenIdleAsync();
        fired.Should().Equal("form", "offer");
        timers.Count.Should().Be(0);
    }

    [Fact]
    public async Task Timers_ArmReplaces_CancelDisarms_TryArmKeepsTheFirst()
    {
        await using var work = NewWork();
        var fired = 0;
        var timers = work.CreateTimers<int>((_, _) => Task.FromResult(Interlocked.Increment(ref fired)), "timers");

        timers.Arm(1, TimeSpan.FromSeconds(10));
        timers.Arm(1, TimeSpan.FromSeconds(20));
        _time.Advance(TimeSpan.FromSeconds(10));
        await work.WhenIdleAsync();
        fired.Should().Be(0, "the second arm replaced the first");

        timers.TryArm(1, TimeSpan.FromSeconds(1)).Should().BeFalse();
        timers.Cancel(1).Should().BeTrue();
        timers.Cancel(1).Should().BeFalse();
        _time.Advance(TimeSpan.FromMinutes(1));
        await work.WhenIdleAsync();
        fired.Should().Be(0);

        timers.TryArm(2, TimeSpan.Zero).Should().BeTrue();
        _time.Advance(TimeSpan.Zero);
        await work.WhenIdleAsync();
        fired.Should().Be(1);
    }

    [Fact]
    public async Task Timers_ArmAtAPastInstant_FiresAtOnce_AndWorkMayRearmItsKey()
    {
        await using var work = NewWork();
        var fired = 0;
        KeyedTimers<string>? timers = null;
        timers = work.CreateTimers<string>(
            (key, _) =>
            {
                if (Interlocked.Increment(ref fired) == 1)
                {
                    timers!.Arm(key, TimeSpan.FromSeconds(5));
                }

                return Task.CompletedTask;
            },
            "timers");

        timers.ArmAt("k", _time.GetUtcNow() - TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.Zero);
        await work.WhenIdleAsync();
        fired.Should().Be(1);
        timers.IsArmed("k").Should().BeTrue();
        _time.Advance(TimeSpan.FromSeconds(5));
        await work.WhenIdleAsync();
        fired.Should().Be(2);
    }

    [Fact]
    public async Task Stop_DisarmsEveryTimer()
    {
        var work = NewWork();
        var fired = 0;
        var timers = work.CreateTimers<int>((_, _) => Task.FromResult(Interlocked.Increment(ref fired)), "timers");
        timers.Arm(1, TimeSpan.FromSeconds(1));

        await work.StopAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        timers.Arm(2, TimeSpan.Zero);
        _time.Advance(TimeSpan.FromMinutes(1));
        await work.WhenIdleAsync();

        fired.Should().Be(0);
        timers.Count.Should().Be(0);
    }

    [Fact]
    public async Task Timers_Disposed_AreNoLongerTracked_AndTheStopStillDisarmsTheRest()
    {
        await using var work = NewWork();
        var fired = 0;
        var kept = work.CreateTimers<int>((_, _) => Task.FromResult(Interlocked.Increment(ref fired)), "kept");
        var dropped = work.CreateTimers<int>((_, _) => Task.FromResult(Interlocked.Increment(ref fired)), "dropped");
        work.TimerSets.Should().Be(2);

        dropped.Dispose();
        dropped.Dispose();
        work.TimerSets.Should().Be(1, "a disposed set has nothing left to disarm");

        kept.Arm(1, TimeSpan.FromSeconds(5));
        await work.StopAsync(CancellationToken.None);
        work.TimerSets.Should().Be(0);
        _time.Advance(TimeSpan.FromSeconds(5));
        fired.Should().Be(0, "the stop disarmed the set still tracked");
    }

    private BackgroundWork NewWork() => new(_time, NullLogger<BackgroundWork>.Instance);
}
