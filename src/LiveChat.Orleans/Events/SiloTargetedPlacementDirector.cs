using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace LiveChat.Orleans.Events;

/// <summary>
/// Activates a <see cref="SiloTargetedPlacement"/> grain on the silo its key names, and nowhere else: when that silo is
/// not (or no longer) an active member the activation fails, so a call meant for a dead silo fails instead of delivering
/// its events to a silo that already has them.
/// </summary>
internal sealed class SiloTargetedPlacementDirector : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var named = SiloAddress.FromParsableString(target.GrainIdentity.Key.ToString());
        return context.GetCompatibleSilos(target).Contains(named)
            ? Task.FromResult(named)
            : throw new SiloUnavailableException($"Silo {named} is not an active member of the cluster.");
    }
}
