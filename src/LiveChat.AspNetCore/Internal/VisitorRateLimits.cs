using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace LiveChat.AspNetCore.Internal;

/// <summary>
/// The visitor-side rate limits (feature W7): fixed windows per connection and per client IP for posts, per client IP
/// for conversation starts, on the host's <see cref="TimeProvider"/>. A refusal never waits (no queue), so a flood costs
/// its sender only, and other conversations go on undelayed. Thread-safe.
/// </summary>
/// <remarks>
/// A connection's window lives on the connection (<see cref="VisitorConnection.Posts"/>) and goes with it: no limiter
/// object, timer or registry entry per connection. The per-IP windows sit in one dictionary; windows that ended are
/// swept at most once per window length, so an idle IP costs nothing for long.
/// </remarks>
internal sealed class VisitorRateLimits(IOptions<LiveChatAspNetCoreOptions> options, TimeProvider time)
{
    private readonly LiveChatAspNetCoreOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, FixedWindow> _postsPerIp = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FixedWindow> _startsPerIp = new(StringComparer.Ordinal);
    private long _sweptAt = time.GetTimestamp();

    private long Window => (long)(_options.RateLimitWindow.TotalSeconds * time.TimestampFrequency);

    /// <summary>Takes one post permit for the connection, then one for its IP; the name of the refusing limit, or <see langword="null"/>.</summary>
    public string? TryPost(FixedWindow connection, string ip)
    {
        var now = Sweep();
        return !connection.TryTake(now, Window, _options.PostsPerConnection) ? "posts per connection"
            : !Take(_postsPerIp, ip, now, _options.PostsPerIp) ? "posts per IP"
            : null;
    }

    /// <summary>Takes one start permit for the IP; the name of the refusing limit, or <see langword="null"/>.</summary>
    public string? TryStart(string ip)
    {
        var now = Sweep();
        return Take(_startsPerIp, ip, now, _options.StartsPerIp) ? null : "starts per IP";
    }

    /// <summary>How many per-IP windows are kept (posts and starts), for tests.</summary>
    internal int IpWindows => _postsPerIp.Count + _startsPerIp.Count;

    private bool Take(ConcurrentDictionary<string, FixedWindow> windows, string ip, long now, int permits)
        => windows.GetOrAdd(ip, static _ => new FixedWindow()).TryTake(now, Window, permits);

    /// <summary>Drops the per-IP windows that ended, at most once per window length; returns the current timestamp.</summary>
    private long Sweep()
    {
        var now = time.GetTimestamp();
        var swept = Interlocked.Read(ref _sweptAt);
        if (now - swept < Window || Interlocked.CompareExchange(ref _sweptAt, now, swept) != swept)
        {
            return now;
        }

        foreach (var windows in (ReadOnlySpan<ConcurrentDictionary<string, FixedWindow>>)[_postsPerIp, _startsPerIp])
        {
            foreach (var (ip, window) in windows)
            {
                if (window.EndsAt <= now)
                {
                    windows.TryRemove(new KeyValuePair<string, FixedWindow>(ip, window));
                }
            }
        }

        return now;
    }
}
