using Orleans.Runtime;

namespace LiveChat.Orleans.Events;

/// <summary>
/// Places a grain on the silo its string key names (<see cref="SiloAddress.ToParsableString"/>), so a call to it reaches
/// that silo's own services: how one silo hands events to another (feature X7). See <see cref="SiloTargetedPlacementDirector"/>.
/// </summary>
[GenerateSerializer]
[Alias("livechat.silo-targeted")]
internal sealed class SiloTargetedPlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static SiloTargetedPlacement Instance { get; } = new();
}
