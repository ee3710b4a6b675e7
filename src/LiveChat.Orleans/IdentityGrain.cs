using LiveChat.Core;
using LiveChat.Core.Identity;

namespace LiveChat.Orleans;

/// <summary>
/// One workspace's identity decisions for the whole cluster (features I2–I4, X7): runs the core's
/// <see cref="InProcessIdentity"/> for its workspace in the silo where it is active, one call at a time, so two silos
/// never write the workspace's identity log at once and none has to lose a race and decide again.
/// </summary>
/// <remarks>
/// Not reentrant: its turn is the workspace's writer's turn. It holds no state of its own; the graph it decides on is
/// the silo's copy, caught up from the store at each decision, so a move to another silo loses nothing.
/// </remarks>
internal sealed class IdentityGrain(InProcessIdentity identity) : Grain, IIdentityGrain
{
    /// <inheritdoc />
    public Task<IdentifyResult> IdentifyAsync(IdentifyRequest request)
        => identity.IdentifyAsync(new WorkspaceId(this.GetPrimaryKeyString()), request, CancellationToken.None).AsTask();
}
