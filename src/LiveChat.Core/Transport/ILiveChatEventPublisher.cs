namespace LiveChat.Core.Transport;

/// <summary>
/// The real-time transport port (feature N2): receives every event after the change it describes was stored.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe. An exception thrown here is logged and does not undo the stored change, so a
/// transport outage never loses chat data; clients recover by reading the conversation again.
/// </remarks>
public interface ILiveChatEventPublisher
{
    /// <summary>Publishes one event.</summary>
    ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default);
}
