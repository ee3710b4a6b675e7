using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Internal;

/// <summary>
/// The SDK's one place for work off the caller's path: tracked tasks, <see cref="SingleFlightWorker"/>s and
/// <see cref="KeyedTimers{TKey}"/> on the engine's <see cref="TimeProvider"/>. One instance per engine.
/// </summary>
/// <remarks>
/// <para>
/// Every task started here is tracked until it completes: <see cref="WhenIdleAsync"/> waits for all of them, including
/// work that work started, and <see cref="StopAsync"/> disarms every timer, cancels <see cref="Stopping"/> and waits for
/// what is in flight. A failure is logged and never reaches the caller that asked for the work.
/// </para>
/// <para>Thread-safe.</para>
/// </remarks>
internal sealed class BackgroundWork : IAsyncDisposable, IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];
    private readonly HashSet<IDisposable> _timers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private readonly ILogger<BackgroundWork> _logger;
    private bool _stopped;

    /// <summary>Whether disposal finished: commands are refused from then on (<see cref="ThrowIfDisposed"/>).</summary>
    private volatile bool _disposed;

    /// <summary>Whether <see cref="StopAsync"/> has waited (or given up waiting) for the work in flight once.</summary>
    private bool _stopWaited;

    public BackgroundWork(TimeProvider time, ILogger<BackgroundWork> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        Time = time;
        _logger = logger;
        _stoppingToken = _stopping.Token; // read once: the source is disposed with the engine, its token stays readable
    }

    /// <summary>The clock every timer runs on.</summary>
    public TimeProvider Time { get; }

    /// <summary>Cancelled when the engine stops; background work passes it on to what it awaits.</summary>
    public CancellationToken Stopping => _stoppingToken;

    /// <summary>
    /// Refuses a command once the engine is disposed, before it changes anything: nothing would react to its commit any
    /// more (no lane runs, no timer fires), so it would be stored half-handled.
    /// </summary>
    /// <exception cref="EngineStoppedException">The engine's disposal finished.</exception>
    public void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new EngineStoppedException();
        }
    }

    /// <summary>Whether <see cref="StopAsync"/> was called: no new work starts after it.</summary>
    public bool IsStopped
    {
        get
        {
            lock (_gate)
            {
                return _stopped;
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="work"/> off the caller's path and tracks it. Ignored once stopped. <paramref name="what"/>
    /// names the work in the log line written if it fails.
    /// </summary>
    /// <returns>Whether it started: <see langword="false"/> once stopped.</returns>
    public bool Run(Func<CancellationToken, Task> work, string what)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }
        }

        Track(RunLoggedAsync(work, what));
        return true;
    }

    /// <summary>A worker that runs <paramref name="pass"/> one at a time, again while asked again (see <see cref="SingleFlightWorker"/>).</summary>
    public SingleFlightWorker CreateWorker(Func<CancellationToken, ValueTask> pass, string what) => new(this, pass, what);

    /// <summary>Timers keyed by <typeparamref name="TKey"/>, at most one per key, each running <paramref name="fire"/> as tracked work.</summary>
    public KeyedTimers<TKey> CreateTimers<TKey>(Func<TKey, CancellationToken, Task> fire, string what)
        where TKey : notnull
    {
        var timers = new KeyedTimers<TKey>(this, fire, what);
        lock (_gate)
        {
            if (_stopped)
            {
                timers.Dispose();
            }
            else
            {
                _timers.Add(timers);
            }
        }

        return timers;
    }

    /// <summary>How many timer sets are tracked for disarming at the stop; for tests, stale as soon as read.</summary>
    internal int TimerSets
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>A timer set disposed before the stop: nothing left to disarm (a dropped workspace router's timers go with it).</summary>
    internal void Untrack(IDisposable timers)
    {
        lock (_gate)
        {
            _timers.Remove(timers);
        }
    }

    /// <summary>Completes once no tracked work runs; work started meanwhile is waited for too. Armed timers do not count.</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                // A completed task still listed is idle: its removal is a continuation of its own, which may be queued
                // behind this method's (when this snapshot registered first), so waiting for it again would spin for good.
                running = [.. _running.Where(t => !t.IsCompleted)];
            }

            if (running.Length == 0)
            {
                return;
            }

            // Only completion counts: a tracked task's failure or cancellation is for its own caller to see. (A reaction lane
            // run on for a caller who stopped waiting ends cancelled when the engine stops; that must not fail the stop.)
            // Caught rather than suppressed, so the combined task's exception is observed, not reported when collected.
            try
            {
                await Task.WhenAll(running).ConfigureAwait(false);
            }
            catch (Exception)
            {
            }
        }
    }

    /// <summary>
    /// Disarms every timer, cancels <see cref="Stopping"/> and waits for the work in flight, or until
    /// <paramref name="cancellationToken"/> gives up waiting. Idempotent.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Cancel();
        lock (_gate)
        {
            _stopWaited = true;
        }

        await WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disarms every timer and cancels <see cref="Stopping"/> without waiting for the work in flight. Idempotent.</summary>
    public void Cancel()
    {
        IDisposable[] timers;
        lock (_gate)
        {
            _stopped = true;
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed already: nothing runs any more.
        }
    }

    /// <summary>Stops without waiting, for a container disposed synchronously.</summary>
    public void Dispose()
    {
        _disposed = true;
        Cancel();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The work in flight may still commit while this waits; commands are refused once it is done.
        await StopOnceAsync().ConfigureAwait(false);
        _disposed = true;
        _stopping.Dispose();
    }

    /// <summary>
    /// Stops, waiting for the work in flight, unless a stop already ran: the host's stop waited within its shutdown
    /// timeout, and a disposal after it (a generic host's Dispose) does not wait again, without bound, for work that
    /// ignored cancellation. Idempotent.
    /// </summary>
    public Task StopOnceAsync()
    {
        bool stoppedBefore;
        lock (_gate)
        {
            stoppedBefore = _stopWaited;
        }

        if (!stoppedBefore)
        {
            return StopAsync(CancellationToken.None);
        }

        Cancel();
        return Task.CompletedTask;
    }

    internal void Track(Task task)
    {
        if (task.IsCompleted)
        {
            return;
        }

        lock (_gate)
        {
            _running.Add(task);
        }

        task.ContinueWith(
            static (t, state) =>
            {
                var self = (BackgroundWork)state!;
                lock (self._gate)
                {
                    self._running.Remove(t);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    internal async Task RunLoggedAsync(Func<CancellationToken, Task> work, string what, bool offThePath = true)
    {
        if (offThePath)
        {
            // Off the caller's path: the caller's synchronous part returns before the work's first step runs.
            await Task.Yield();
        }

        try
        {
            await work(Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            // Stopped while the work awaited: nothing to report.
        }
        catch (Exception ex)
        {
            Log.BackgroundWorkFailed(_logger, ex, what);
        }
    }
}
