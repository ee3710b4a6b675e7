using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Identity;

/// <summary>
/// The seam for feature C9: listens to the SDK's own events, and when a conversation ends, copies its transcript to the
/// matched CRM record's activity feed. Failures are logged by the dispatcher and never undo the end.
/// </summary>
/// <remarks>
/// The public event carries the agents' view; the copy needs the stored record, so it reads it (an ended conversation
/// does not change state again).
/// </remarks>
internal sealed class TranscriptFeedPublisher(IdentityService identity, IConversationStore store) : ILiveChatEventPublisher
{
    public async ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
    {
        if (liveChatEvent is ConversationStateChanged { Conversation.State: ConversationState.Ended, PreviousState: not ConversationState.Ended } ended
            && await store.FindConversationAsync(ended.Workspace, ended.ConversationId, cancellationToken).ConfigureAwait(false) is { } conversation)
        {
            await identity.CopyTranscriptAsync(conversation, cancellationToken).ConfigureAwait(false);
        }
    }
}
