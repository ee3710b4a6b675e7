namespace LiveChat.Core.Storage;

/// <summary>What every <see cref="IDueWorkStore"/> shares: instants kept to the millisecond, in UTC. Thread-safe.</summary>
public static class DueWorkRules
{
    /// <summary><paramref name="instant"/> in UTC, truncated to the millisecond: what a store keeps and gives back.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());
}
