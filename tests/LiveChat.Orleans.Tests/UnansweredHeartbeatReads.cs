using LiveChat.Orleans.Presence;

namespace LiveChat.Orleans.Tests;

/// <summary>
/// Holds the next calls to an agent grain's <see cref="IAgentGrain.LastSeenAsync"/>, until released: an agent grain
/// that cannot be reached, as after its silo's death while the cluster finds it again (placement may take up to
/// Orleans' 30 s placement timeout). Later calls pass.
/// </summary>
public sealed class UnansweredHeartbeatReads : IOutgoingGrainCallFilter
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _toHold;
    private int _held;

    /// <summary>How many reads were held so far.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Holds the next <paramref name="reads"/> reads.</summary>
    public void Hold(int reads) => Volatile.Write(ref _toHold, reads);

    /// <summary>Lets every held read, and the later ones, through.</summary>
    public void Release()
    {
        Volatile.Write(ref _toHold, 0);
        _released.TrySetResult();
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(IAgentGrain) && context.InterfaceMethod.Name == nameof(IAgentGrain.LastSeenAsync)
            && Interlocked.Decrement(ref _toHold) >= 0)
        {
            Interlocked.Increment(ref _held);
            await _released.Task;
        }

        await context.Invoke();
    }
}
