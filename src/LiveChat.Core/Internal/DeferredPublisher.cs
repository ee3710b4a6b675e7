using LiveChat.Core.Transport;

namespace LiveChat.Core.Internal;

/// <summary>
/// A publisher created on first use. The e-mail side listens to the events of the very write path it depends on, so
/// creating it eagerly would make the dependency graph circular.
/// </summary>
internal sealed class DeferredPublisher(Func<ILiveChatEventPublisher> create) : ILiveChatEventPublisher
{
    private readonly Lazy<ILiveChatEventPublisher> _publisher = new(create);

    public ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
        => _publisher.Value.PublishAsync(liveChatEvent, cancellationToken);
}
