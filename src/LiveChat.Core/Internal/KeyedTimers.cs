namespace LiveChat.Core.Internal;

/// <summary>
/// One-shot timers on the engine's <see cref="TimeProvider"/>, at most one per key. When a timer is due its key is
/// disarmed first, then its work runs as tracked <see cref="BackgroundWork"/>, so the work may arm the same key again.
/// </summary>
/// <remarks>
/// Arming a key that is armed replaces its timer; cancelling a timer that already fired does nothing. Thread-safe.
/// Create with <see cref="BackgroundWork.CreateTimers{TKey}"/>; disposed with the <see cref="BackgroundWork"/>.
/// </remarks>
internal sealed class KeyedTimers<TKey> : IDisposable
    where TKey : notnull
{
    private readonly BackgroundWork _work;
    private readonly Func<TKey, CancellationToken, Task> _fire;
    private readonly string _what;
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Entry> _armed = [];
    private bool _disposed;

    internal KeyedTimers(BackgroundWork work, Func<TKey, CancellationToken, Task> fire, string what)
    {
        ArgumentNullException.ThrowIfNull(fire);
        _work = work;
        _fire = fire;
        _what = what;
    }

    /// <summary>How many timers are armed.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _armed.Count;
            }
        }
    }

    /// <summary>Arms <paramref name="key"/> to fire after <paramref name="dueIn"/> (at once when zero or negative), replacing its timer.</summary>
    public void Arm(TKey key, TimeSpan dueIn)
    {
        var entry = new Entry(this, key);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_armed.Remove(key, out var previous))
            {
                previous.Timer?.Dispose();
            }

            _armed[key] = entry;

            // The work runs in no caller's context: nothing the arming flow set (an AsyncLocal) leaks into it.
            AsyncFlowControl? suppressed = ExecutionContext.IsFlowSuppressed() ? null : ExecutionContext.SuppressFlow();
            try
            {
                entry.Timer = _work.Time.CreateTimer(static s => ((Entry)s!).Fire(), entry, dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, Timeout.InfiniteTimeSpan);
            }
            finally
            {
                suppressed?.Undo();
            }
        }
    }

    /// <summary>Arms <paramref name="key"/> to fire at <paramref name="dueAt"/> on the engine's clock, replacing its timer.</summary>
    public void ArmAt(TKey key, DateTimeOffset dueAt) => Arm(key, dueAt - _work.Time.GetUtcNow());

    /// <summary>Arms <paramref name="key"/> unless it is armed already; returns whether it armed it.</summary>
    public bool TryArm(TKey key, TimeSpan dueIn)
    {
        lock (_gate)
        {
            if (_armed.ContainsKey(key))
            {
                return false;
            }

            Arm(key, dueIn);
            return true;
        }
    }

    /// <summary>Whether <paramref name="key"/> is armed and has not fired yet.</summary>
    public bool IsArmed(TKey key)
    {
        lock (_gate)
        {
            return _armed.ContainsKey(key);
        }
    }

    /// <summary>Disarms <paramref name="key"/>; returns whether a timer was armed.</summary>
    public bool Cancel(TKey key)
    {
        lock (_gate)
        {
            if (!_armed.Remove(key, out var entry))
            {
                return false;
            }

            entry.Timer?.Dispose();
            return true;
        }
    }

    /// <summary>Disarms every key; later arms are ignored. The <see cref="BackgroundWork"/> stops tracking this set.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var entry in _armed.Values)
            {
                entry.Timer?.Dispose();
            }

            _armed.Clear();
        }

        _work.Untrack(this);
    }

    private void Fire(Entry entry)
    {
        lock (_gate)
        {
            // A timer replaced or cancelled after it was already queued to fire must not run.
            if (!_armed.TryGetValue(entry.Key, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }

            _armed.Remove(entry.Key);
            entry.Timer?.Dispose();
        }

        _work.Run(ct => _fire(entry.Key, ct), _what);
    }

    private sealed class Entry(KeyedTimers<TKey> owner, TKey key)
    {
        public TKey Key { get; } = key;

        public ITimer? Timer { get; set; }

        public void Fire() => owner.Fire(this);
    }
}
