using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Internal;

/// <summary>Reads a conversation's whole transcript from the store, for services that cannot depend on ConversationService.</summary>
internal static class TranscriptReader
{
    private const int PageSize = 500;

    public static async ValueTask<Transcript> ReadAsync(IConversationStore store, Conversation conversation, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>();
        while (true)
        {
            var page = await store.GetMessagesAsync(conversation.Workspace, conversation.Id, messages.Count, PageSize, cancellationToken).ConfigureAwait(false);
            messages.AddRange(page);
            if (page.Count < PageSize)
            {
                break;
            }
        }

        // As in ConversationService: a transcript never shows a message newer than its own header.
        messages.RemoveAll(m => m.Sequence > conversation.LastSequence);
        return new Transcript(conversation, conversation.Participants, messages);
    }
}
