using LiveChat.Core.Flow;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// An answer-lane reactor registered ahead of the engine's: holds the reactions to every event that
/// <paramref name="blocks"/> selects until <see cref="Open"/> is called, so a test sees the engine between a commit and
/// its reactions.
/// </summary>
internal sealed class GateReactor(Func<FlowEvent, bool> blocks) : IConversationReactor
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReactorLane Lane => ReactorLane.Answer;

    public void Open() => _gate.TrySetResult();

    public async ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken)
    {
        if (blocks(flowEvent))
        {
            await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
