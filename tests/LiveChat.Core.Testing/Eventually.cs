using System.Diagnostics;

namespace LiveChat.Core.Testing;

/// <summary>
/// Waits for a condition on a real server, process or browser (something no <c>FakeTimeProvider</c> drives): re-checks
/// it every few milliseconds until it holds, and fails with <see cref="TimeoutException"/> naming what was awaited once
/// the deadline passes. Never a fixed sleep; domain timers are advanced with <c>FakeTimeProvider.Advance</c> instead.
/// </summary>
public static class Eventually
{
    /// <summary>The deadline when none is given: 30 s, far above what any condition takes on a loaded 2-core machine.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Returns once <paramref name="condition"/> holds; an exception it throws ends the wait.</summary>
    /// <param name="condition">The condition, re-checked every <paramref name="interval"/> (10 ms by default).</param>
    /// <param name="because">What is awaited, for the timeout's message.</param>
    /// <param name="deadline">How long to wait at most; <see cref="DefaultDeadline"/> when <see langword="null"/>.</param>
    /// <param name="interval">How long to wait between checks.</param>
    /// <exception cref="TimeoutException">The condition did not hold within the deadline.</exception>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string because, TimeSpan? deadline = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = deadline ?? DefaultDeadline;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for: {because}.");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(10));
        }
    }

    /// <summary>Returns once the synchronous <paramref name="condition"/> holds; see the asynchronous overload.</summary>
    public static Task HoldsAsync(Func<bool> condition, string because, TimeSpan? deadline = null)
        => HoldsAsync(() => Task.FromResult(condition()), because, deadline);
}
