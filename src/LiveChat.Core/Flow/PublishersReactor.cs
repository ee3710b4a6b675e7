using LiveChat.Core.Internal;
using LiveChat.Core.Transport;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Flow;

/// <summary>
/// The event fan-out (feature N2): hands the public events of each commit to every registered
/// <see cref="ILiveChatEventPublisher"/> (the <see cref="ChannelEventHub"/> and the host's own), off the caller's path.
/// A failing publisher is logged and never keeps the others from their event.
/// </summary>
internal sealed class PublishersReactor(IEnumerable<ILiveChatEventPublisher> publishers, ILogger<PublishersReactor> logger) : IConversationReactor
{
    private readonly ILiveChatEventPublisher[] _publishers = [.. publishers];

    public ReactorLane Lane => ReactorLane.Notify;

    /// <summary>A host's own publisher wants every event; the <see cref="ChannelEventHub"/> only while it has a subscriber for the event's workspace.</summary>
    public bool Wants(FlowEvent flowEvent)
    {
        foreach (var publisher in _publishers)
        {
            if (publisher is not ChannelEventHub hub || hub.HasSubscriberFor(flowEvent.Workspace))
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken)
    {
        foreach (var liveChatEvent in PublicEvents.From(flowEvent))
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
}
