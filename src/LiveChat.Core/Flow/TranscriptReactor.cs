using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Flow;

/// <summary>
/// The transcript copy to the CRM as a subscriber (feature C9): when a conversation ends, its transcript goes to the
/// matched CRM record's activity feed, off the caller's path. A failure is logged and never undoes the end.
/// </summary>
internal sealed class TranscriptReactor(IdentityService identity) : IConversationReactor
{
    public ReactorLane Lane => ReactorLane.Notify;

    /// <summary>Only the change that ends a conversation.</summary>
    public bool Wants(FlowEvent flowEvent)
        => flowEvent is ConversationChangedEvent { After.State: ConversationState.Ended, Before.State: not ConversationState.Ended };

    public ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken)
        => Wants(flowEvent) ? identity.CopyTranscriptAsync(((ConversationChangedEvent)flowEvent).After, cancellationToken) : ValueTask.CompletedTask;
}
