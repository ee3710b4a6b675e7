using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Flow;

/// <summary>
/// The transcript copy to the CRM as a subscriber (feature C9): when a conversation ends, its transcript goes to the
/// matched CRM record's activity feed, off the caller's path. A failure is logged and never undoes the end.
/// </summary>
/// <remarks>
/// The copy is the end's promise, so it does not take the engine's stop token: a stop waits for it (a host's stop until
/// its shutdown timeout) instead of cancelling a CRM call that honours cancellation half-way. A process that dies before
/// the copy ran loses it; the conversation's transcript stays readable from the store.
/// </remarks>
internal sealed class TranscriptReactor(IdentityService identity) : IConversationReactor
{
    public ReactorLane Lane => ReactorLane.Notify;

    /// <summary>Only the change that ends a conversation.</summary>
    public bool Wants(FlowEvent flowEvent)
        => flowEvent is ConversationChangedEvent { After.State: ConversationState.Ended, Before.State: not ConversationState.Ended };

    public ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken)
        => Wants(flowEvent) ? identity.CopyTranscriptAsync(((ConversationChangedEvent)flowEvent).After, CancellationToken.None) : ValueTask.CompletedTask;
}
