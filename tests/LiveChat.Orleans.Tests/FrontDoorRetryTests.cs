using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace LiveChat.Orleans.Tests;

public sealed class FrontDoorRetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);

    [Fact]
    public async Task RunAsync_RejectedTwiceForADeadSilo_AnswersAfterBackingOff100And200Ms()
    {
        var attempts = 0;
        var call = new FrontDoorRetry(_clock).RunAsync(
            () => Interlocked.Increment(ref attempts) <= 2 ? throw new SiloUnavailableException("dead") : Task.FromResult(42),
            CancellationToken.None);

        var waited = await RunClockUntilAsync(call, TimeSpan.FromMinutes(1));

        (await call).Should().Be(42);
        attempts.Should().Be(3);
        waited.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300), "it waited 100 ms, then twice as long")
            .And.BeLessThan(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task RunAsync_RejectedPastTheBudget_ThrowsClusterUnavailable_WithTheLastRejectionInside()
    {
        var attempts = 0;
        var call = new FrontDoorRetry(_clock).RunAsync(
            () =>
            {
                Interlocked.Increment(ref attempts);
                throw new SiloUnavailableException("dead");
            },
            CancellationToken.None);

        var waited = await RunClockUntilAsync(call, TimeSpan.FromMinutes(1));

        (await call.Invoking(c => c).Should().ThrowAsync<ClusterUnavailableException>())
            .Which.InnerException.Should().BeOfType<SiloUnavailableException>();
        // 0.1 + 0.2 + 0.4 + 0.8 s, then 18 waits of 1 s: 19.5 s in 22 retries; one more second would pass the 20 s budget.
        attempts.Should().Be(23);
        waited.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(19.5)).And.BeLessThan(FrontDoorRetry.Budget + FrontDoorRetry.MaxDelay);
    }

    [Fact]
    public async Task RunAsync_TimedOutOnceOnASiloThatWentQuiet_AnswersFromTheNextAttempt()
    {
        var attempts = 0;
        var call = new FrontDoorRetry(_clock).RunAsync(
            () => Interlocked.Increment(ref attempts) == 1 ? throw new TimeoutException("no response") : Task.FromResult(7),
            CancellationToken.None);

        await RunClockUntilAsync(call, TimeSpan.FromMinutes(1));

        (await call).Should().Be(7);
        attempts.Should().Be(2);
    }

    [Fact]
    public async Task RunAsync_AnAttemptThatTookOrleansWholeResponseTimeout_IsNotTriedAgain()
    {
        // Before, the budget counted only the waits between attempts: an attempt that timed out after 30 s was tried
        // again 23 times, and one call took about 12 minutes (issue 18's abrupt-end host check).
        var attempts = 0;
        var call = new FrontDoorRetry(_clock).RunAsync<int>(
            () =>
            {
                Interlocked.Increment(ref attempts);
                _clock.Advance(TimeSpan.FromSeconds(30));
                throw new TimeoutException("no response in 30 s");
            },
            CancellationToken.None);

        await RunClockUntilAsync(call, TimeSpan.FromMinutes(5));

        (await call.Invoking(c => c).Should().ThrowAsync<ClusterUnavailableException>())
            .Which.InnerException.Should().BeOfType<TimeoutException>();
        attempts.Should().Be(1);
    }

    [Fact]
    public async Task RunAsync_AttemptsThatTimeOutSooner_AreTriedAgainWhileTheCallStaysWithinTheBudget()
    {
        // A host that set a 5 s response timeout: 5 s, then 0.1 s and 5 s, then 0.2 s and 5 s (15.3 s), then a 0.4 s wait
        // would still fit, and the fourth attempt ends at 20.7 s; no fifth.
        var attempts = 0;
        var call = new FrontDoorRetry(_clock).RunAsync<int>(
            () =>
            {
                Interlocked.Increment(ref attempts);
                _clock.Advance(TimeSpan.FromSeconds(5));
                throw new TimeoutException("no response in 5 s");
            },
            CancellationToken.None);

        await RunClockUntilAsync(call, TimeSpan.FromMinutes(5));

        await call.Invoking(c => c).Should().ThrowAsync<ClusterUnavailableException>();
        attempts.Should().Be(4);
    }

    [Fact]
    public async Task RunAsync_AnotherOrleansFailure_IsThrownAsClusterUnavailable_WithoutRetrying()
    {
        var attempts = 0;
        var call = new FrontDoorRetry(_clock).RunAsync(
            () =>
            {
                Interlocked.Increment(ref attempts);
                throw new OrleansException("the runtime failed");
            },
            CancellationToken.None);

        (await call.Invoking(c => c).Should().ThrowAsync<ClusterUnavailableException>())
            .Which.Category.Should().Be(LiveChat.Core.LiveChatErrorCategory.Unavailable);
        attempts.Should().Be(1);
    }

    [Fact]
    public async Task RunAsync_AnyOtherException_IsThrownWithoutRetrying()
    {
        var attempts = 0;
        var call = new FrontDoorRetry(_clock).RunAsync(
            () =>
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("not a dead silo");
            },
            CancellationToken.None);

        await call.Invoking(c => c).Should().ThrowAsync<InvalidOperationException>();
        attempts.Should().Be(1);
    }

    /// <summary>
    /// Moves the test clock on in 10 ms steps until <paramref name="call"/> ends, letting the retry's continuations (on
    /// the thread pool) arm their next delay between steps; answers the test time that passed.
    /// </summary>
    private async Task<TimeSpan> RunClockUntilAsync(Task call, TimeSpan limit)
    {
        while (!call.IsCompleted && _clock.GetUtcNow() - Start < limit)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }

        return _clock.GetUtcNow() - Start;
    }
}
