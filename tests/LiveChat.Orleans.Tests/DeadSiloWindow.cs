using Orleans.Runtime;

namespace LiveChat.Orleans.Tests;

/// <summary>
/// What a caller meets for about a second after a silo is killed with SIGKILL, before the cluster declares it dead: its
/// connection refused, so calls to the router grain it held are rejected with <see cref="SiloUnavailableException"/>.
/// The in-process test cluster's killed silo goes more quietly (its in-memory connections close cleanly), so this
/// outgoing filter, on every silo, rejects the next <see cref="Open"/> router calls the same way. Thread-safe.
/// </summary>
public sealed class DeadSiloWindow : IOutgoingGrainCallFilter
{
    private int _rejections;

    /// <summary>How many router calls were rejected so far.</summary>
    public int Rejected { get; private set; }

    /// <summary>Rejects the next <paramref name="calls"/> router grain calls.</summary>
    public void Open(int calls) => Volatile.Write(ref _rejections, calls);

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(IRouterGrain) && Interlocked.Decrement(ref _rejections) >= 0)
        {
            Rejected++;
            throw new SiloUnavailableException("The silo holding the router grain was killed and is not declared dead yet.");
        }

        return context.Invoke();
    }
}
