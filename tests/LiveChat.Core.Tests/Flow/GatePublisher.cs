using LiveChat.Core.Transport;

namespace LiveChat.Core.Tests.Flow;

/// <summary>
/// A slow host publisher: holds every event that <paramref name="blocks"/> selects until <see cref="Open"/> is called, and
/// ignores cancellation, as a publisher finishing a delivery in flight does.
/// </summary>
public sealed class GatePublisher(Func<LiveChatEvent, bool> blocks) : ILiveChatEventPublisher
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a selected event reached the publisher and waits at the gate.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Finished { get; private set; }

    public void Open() => _gate.TrySetResult();

    public async ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
    {
        if (!blocks(liveChatEvent))
        {
            return;
        }

        Entered.TrySetResult();
        await _gate.Task;
        Finished = true;
    }
}
