namespace LiveChat.Core.Flow;

/// <summary>
/// One event waiting in a <see cref="ConversationLane"/>, and what the request that committed it needs to know about its
/// handling. Guarded by the <see cref="ConversationDispatcher"/>'s lock.
/// </summary>
internal sealed class PendingReaction(FlowEvent flowEvent)
{
    public FlowEvent Event { get; } = flowEvent;

    /// <summary>Whether the lane's reactors have all handled the event.</summary>
    public bool Handled { get; set; }

    /// <summary>Completed when the event is handled, for a request waiting on another runner; created only then.</summary>
    public TaskCompletionSource? Done { get; set; }
}
