using LiveChat.Core.Conversations;

namespace LiveChat.Core.Internal;

/// <summary>
/// The bot's view of the write path: told when a conversation starts, when a visitor's message is stored and when a
/// conversation changes, so the playbook can answer without the write path knowing about playbooks.
/// </summary>
internal interface IConversationBot
{
    ValueTask ConversationStartedAsync(Conversation conversation, CancellationToken cancellationToken);

    ValueTask VisitorPostedAsync(Conversation conversation, ChatMessage message, CancellationToken cancellationToken);

    void Observe(Conversation before, Conversation after);
}
