namespace LiveChat.Core.Transport;

/// <summary>
/// Where a real-time transport takes the events it relays to the connections it holds (features W1, N1, X7): by default
/// the events this process committed (<see cref="ChannelEventHub"/>, the engine's <see cref="LiveChatEngine.Events"/>);
/// a cluster package (<c>UseOrleans</c>) replaces it with the events committed on every server of the cluster, so a
/// visitor connected to one server sees what an agent posted on another.
/// </summary>
/// <remarks>
/// Only for transports whose connections are spread over the servers, each server relaying to its own: a host's own
/// subscriber that acts once per event (a webhook, an audit log) subscribes to <see cref="LiveChatEngine.Events"/>,
/// which every server fills with its own commits only, so the cluster as a whole delivers each event there once.
/// Delivery follows <see cref="ChannelEventHub"/>'s policy: events may be dropped under backpressure or lost with a
/// server, never invented; a transport that must not lose messages reads them back from the store by sequence.
/// Implementations must be thread-safe.
/// </remarks>
public interface ILiveChatEventSource
{
    /// <summary>Starts receiving events.</summary>
    /// <param name="workspace">Only this workspace's events, or every workspace's when <see langword="null"/>.</param>
    /// <returns>A subscription; dispose it to stop receiving.</returns>
    EventSubscription Subscribe(WorkspaceId? workspace = null);
}
