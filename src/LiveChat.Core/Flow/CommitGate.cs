namespace LiveChat.Core.Flow;

/// <summary>
/// An asynchronous mutual-exclusion gate held across a commit and its enqueue (see
/// <see cref="ConversationDispatcher.OrderAsync"/>): entering a free gate is one compare-and-swap that completes
/// synchronously with no allocation; a contended enter waits in a queue, and the holder hands the gate to the oldest
/// waiter when it exits, so waiters enter first come, first served.
/// </summary>
/// <remarks>
/// A waiter whose cancellation token fires before the gate reaches it leaves with an
/// <see cref="OperationCanceledException"/> and never holds the gate; the exit passes over it. Waiters resume off the
/// exiting holder's flow. Not reentrant: a holder that enters again waits for itself. Thread-safe.
/// </remarks>
internal sealed class CommitGate
{
    private const int Free = 0;
    private const int Held = 1;
    private const int HeldWithWaiters = 2;

    /// <summary>The use count of a gate a sweep dropped.</summary>
    private const int Retired = -1;

    /// <summary>
    /// Guards <see cref="_waiters"/> and every move into or out of <see cref="HeldWithWaiters"/>. Both are made on the
    /// first contention: most conversations' gates never see one, and each kept gate stays small.
    /// </summary>
    private Lock? _lock;
    private Queue<TaskCompletionSource>? _waiters;
    private int _state;

    /// <summary>The flows that hold, wait for or are about to enter the gate (see <see cref="CommitGates"/>); <see cref="Retired"/> once dropped.</summary>
    private int _uses;

    /// <summary>Whether some flow holds the gate now; for tests and diagnostics, stale as soon as read.</summary>
    public bool IsHeld => Volatile.Read(ref _state) != Free;

    /// <summary>Whether some flow holds, waits for or is about to enter the gate; stale as soon as read.</summary>
    public bool InUse => Volatile.Read(ref _uses) > 0;

    /// <summary>Counts one more use, unless a sweep retired the gate.</summary>
    public bool TryRetain()
    {
        var uses = Volatile.Read(ref _uses);
        while (uses != Retired)
        {
            var seen = Interlocked.CompareExchange(ref _uses, uses + 1, uses);
            if (seen == uses)
            {
                return true;
            }

            uses = seen;
        }

        return false;
    }

    /// <summary>One use ended.</summary>
    public void ReleaseUse() => Interlocked.Decrement(ref _uses);

    /// <summary>Retires the gate if nobody uses it: no flow can retain it afterwards.</summary>
    public bool TryRetire() => Interlocked.CompareExchange(ref _uses, Retired, 0) == 0;

    /// <summary>Completes once the caller holds the gate; <see cref="Exit"/> it exactly once afterwards.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired before the gate was entered.</exception>
    public ValueTask EnterAsync(CancellationToken cancellationToken)
        => Interlocked.CompareExchange(ref _state, Held, Free) == Free ? ValueTask.CompletedTask : EnterContendedAsync(cancellationToken);

    /// <summary>Leaves the gate: hands it to the oldest waiter still waiting, or frees it.</summary>
    /// <exception cref="SynchronizationLockException">The gate is not held.</exception>
    public void Exit()
    {
        if (Interlocked.CompareExchange(ref _state, Free, Held) != Held)
        {
            HandOver();
        }
    }

    /// <summary>The lock of the contended paths, made by the first of them.</summary>
    private Lock Contention
    {
        get
        {
            if (Volatile.Read(ref _lock) is { } made)
            {
                return made;
            }

            Interlocked.CompareExchange(ref _lock, new Lock(), null);
            return _lock!;
        }
    }

    private async ValueTask EnterContendedAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource waiter;
        lock (Contention)
        {
            while (true)
            {
                var state = Volatile.Read(ref _state);
                if (state == Free && Interlocked.CompareExchange(ref _state, Held, Free) == Free)
                {
                    return;
                }

                if (state == HeldWithWaiters || (state == Held && Interlocked.CompareExchange(ref _state, HeldWithWaiters, Held) == Held))
                {
                    break;
                }
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (_waiters ??= new()).Enqueue(waiter);
        }

        // A waiter cancelled here stays queued, completed: the exit that reaches it passes over it.
        using (cancellationToken.UnsafeRegister(static (s, token) => ((TaskCompletionSource)s!).TrySetCanceled(token), waiter))
        {
            await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary>The exit of a gate that has (or had) waiters: the oldest still waiting holds the gate next.</summary>
    private void HandOver()
    {
        lock (Contention)
        {
            if (Volatile.Read(ref _state) != HeldWithWaiters || _waiters is null)
            {
                throw new SynchronizationLockException("The commit gate was exited without being held.");
            }

            while (_waiters.TryDequeue(out var next))
            {
                if (_waiters.Count == 0)
                {
                    // The next holder has nobody behind it: its exit may take the fast path.
                    Volatile.Write(ref _state, Held);
                }

                if (next.TrySetResult())
                {
                    return;
                }
            }

            // Every waiter was cancelled.
            Volatile.Write(ref _state, Free);
        }
    }
}
