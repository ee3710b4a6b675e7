using Orleans.Runtime;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// The worst case of a silo's death for a caller: the conversation grain ran the command, then its answer was lost and
/// the call rejected as if the silo had died (<see cref="SiloUnavailableException"/>). An outgoing filter on every silo
/// does this to the next <see cref="Open"/> conversation grain calls. Thread-safe.
/// </summary>
internal sealed class LostAnswerWindow : IOutgoingGrainCallFilter
{
    private int _pending;
    private int _lost;

    /// <summary>How many answers were lost so far.</summary>
    public int Lost => Volatile.Read(ref _lost);

    /// <summary>Loses the answers of the next <paramref name="calls"/> conversation grain calls.</summary>
    public void Open(int calls) => Volatile.Write(ref _pending, calls);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        await context.Invoke();
        if (context.InterfaceMethod?.DeclaringType == typeof(IConversationGrain) && Interlocked.Decrement(ref _pending) >= 0)
        {
            Interlocked.Increment(ref _lost);
            throw new SiloUnavailableException("The silo holding the conversation grain died before its answer arrived.");
        }
    }
}
