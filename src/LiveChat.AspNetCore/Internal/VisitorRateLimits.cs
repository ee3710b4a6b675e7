using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveChat.AspNetCore.Internal;

/// <summary>
/// The visitor-side rate limits (feature W7): partitioned fixed windows per connection and per client IP for posts, per
/// client IP for conversation starts. A refusal never waits (no queue), so a flood costs its sender only, and other
/// conversations go on undelayed. Thread-safe.
/// </summary>
/// <remarks>The windows run on System.Threading.RateLimiting's own clock, which takes no <see cref="TimeProvider"/>.</remarks>
internal sealed class VisitorRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _postsPerConnection;
    private readonly PartitionedRateLimiter<string> _postsPerIp;
    private readonly PartitionedRateLimiter<string> _startsPerIp;

    public VisitorRateLimits(IOptions<LiveChatAspNetCoreOptions> options)
    {
        var o = options.Value;
        _postsPerConnection = Create(o.PostsPerConnection, o.RateLimitWindow);
        _postsPerIp = Create(o.PostsPerIp, o.RateLimitWindow);
        _startsPerIp = Create(o.StartsPerIp, o.RateLimitWindow);
    }

    /// <summary>Takes one post permit for the connection, then one for its IP; the name of the refusing limit, or <see langword="null"/>.</summary>
    public string? TryPost(string connectionId, string ip)
        => !Take(_postsPerConnection, connectionId) ? "posts per connection" : !Take(_postsPerIp, ip) ? "posts per IP" : null;

    /// <summary>Takes one start permit for the IP; the name of the refusing limit, or <see langword="null"/>.</summary>
    public string? TryStart(string ip) => Take(_startsPerIp, ip) ? null : "starts per IP";

    public void Dispose()
    {
        _postsPerConnection.Dispose();
        _postsPerIp.Dispose();
        _startsPerIp.Dispose();
    }

    private static bool Take(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window)
        => PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);
}
