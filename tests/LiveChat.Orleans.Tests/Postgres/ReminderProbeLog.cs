using System.Collections.Concurrent;

namespace LiveChat.Orleans.Tests.Postgres;

/// <summary>The silos each probe grain's reminder ticked on, by grain key (keys are fresh per test). Thread-safe.</summary>
public static class ReminderProbeLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Ticks = new();

    public static void Add(string grain, string silo) => Ticks.GetOrAdd(grain, _ => new()).Enqueue(silo);

    public static IReadOnlyList<string> Of(string grain) => Ticks.TryGetValue(grain, out var ticks) ? [.. ticks] : [];
}
