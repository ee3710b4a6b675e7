using Orleans.Placement;

namespace LiveChat.Orleans.Events;

/// <summary>Marks a grain class as placed by <see cref="SiloTargetedPlacement"/>: on the silo its key names.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class SiloTargetedPlacementAttribute() : PlacementAttribute(SiloTargetedPlacement.Instance);
