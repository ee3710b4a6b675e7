namespace LiveChat.AspNetCore.Internal;

/// <summary>
/// One fixed rate-limit window (feature W7): at most a number of permits from the window's start until one window
/// length later, then a fresh window. A refusal takes nothing and never waits. Thread-safe: a small lock per window.
/// </summary>
internal sealed class FixedWindow
{
    private readonly Lock _gate = new();
    private long _start = long.MinValue;
    private long _length;
    private int _taken;

    /// <summary>When the current window ends, in <see cref="TimeProvider.GetTimestamp"/> ticks.</summary>
    public long EndsAt
    {
        get
        {
            lock (_gate)
            {
                return _start == long.MinValue ? long.MinValue : _start + _length;
            }
        }
    }

    /// <summary>Takes one permit at <paramref name="now"/> (timestamp ticks) if fewer than <paramref name="permits"/> were taken in the window.</summary>
    public bool TryTake(long now, long length, int permits)
    {
        lock (_gate)
        {
            if (_start == long.MinValue || now - _start >= length)
            {
                (_start, _length, _taken) = (now, length, 0);
            }

            if (_taken >= permits)
            {
                return false;
            }

            _taken++;
            return true;
        }
    }
}
