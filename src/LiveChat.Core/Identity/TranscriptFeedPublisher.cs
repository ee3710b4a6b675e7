using LiveChat.Core.Conversations;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Identity;

/// <summary>
/// The seam for feature C9: listens to the SDK's own events, and when a conversation ends, copies its transcript to the
/// matched CRM record's activity feed. Failures are logged by the dispatcher and never undo the end.
/// </summary>
internal sealed class TranscriptFeedPublisher(IdentityService identity) : ILiveChatEventPublisher
{
    public ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
        => liveChatEvent is ConversationStateChanged { Conversation.State: ConversationState.Ended, PreviousState: not ConversationState.Ended } ended
            ? identity.CopyTranscriptAsync(ended.Conversation, cancellationToken)
            : ValueTask.CompletedTask;
}
