using LiveChat.Core.Transport;

namespace LiveChat.Orleans.Events;

/// <summary>
/// One silo's inbox for the events the other silos committed (feature X7), keyed by that silo's address and active on it
/// (<see cref="SiloTargetedPlacement"/>).
/// </summary>
[Alias("livechat.silo-events")]
internal interface ISiloEventsGrain : IGrainWithStringKey
{
    /// <summary>Events another silo committed, in the order it committed them.</summary>
    [Alias("deliver")]
    Task DeliverAsync(LiveChatEvent[] events);
}
