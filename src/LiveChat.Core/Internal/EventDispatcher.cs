using LiveChat.Core.Transport;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Internal;

/// <summary>Hands every event to every registered publisher; a failing publisher is logged and never undoes a stored change.</summary>
internal sealed class EventDispatcher(IEnumerable<ILiveChatEventPublisher> publishers, ILogger<EventDispatcher> logger)
{
    private readonly ILiveChatEventPublisher[] _publishers = [.. publishers];

    public async ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken)
    {
        foreach (var publisher in _publishers)
        {
            try
            {
                await publisher.PublishAsync(liveChatEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PublishFailed(logger, ex, liveChatEvent.GetType().Name, liveChatEvent.ConversationId);
            }
        }
    }
}
