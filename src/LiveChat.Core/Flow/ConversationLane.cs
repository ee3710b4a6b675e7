using LiveChat.Core.Conversations;

namespace LiveChat.Core.Flow;

/// <summary>
/// One conversation's queue in one <see cref="ReactorLane"/>: events wait here in commit order until a runner hands
/// them to the lane's reactors. Guarded by the <see cref="ConversationDispatcher"/>'s lock.
/// </summary>
internal sealed class ConversationLane(ConversationId conversationId, ReactorLane lane)
{
    public ConversationId ConversationId { get; } = conversationId;

    public ReactorLane Lane { get; } = lane;

    /// <summary>Events not yet handed to the reactors, oldest first.</summary>
    public Queue<PendingReaction> Pending { get; } = new();

    /// <summary>Whether a runner (a caller's flow or tracked background work) is handing events to the reactors.</summary>
    public bool Running { get; set; }
}
