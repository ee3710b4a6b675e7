using LiveChat.Core.Flow;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Internal;

/// <summary>
/// Publishes public events that no commit produced (agent notifications, failed deliveries) through the
/// <see cref="ConversationDispatcher"/>: in order with the conversation's other events, off the caller's path.
/// </summary>
internal sealed class EventDispatcher(ConversationDispatcher dispatcher)
{
    public ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(liveChatEvent);
        cancellationToken.ThrowIfCancellationRequested();
        dispatcher.Notice(liveChatEvent);
        return ValueTask.CompletedTask;
    }
}
