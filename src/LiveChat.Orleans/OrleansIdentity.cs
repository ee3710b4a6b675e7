using LiveChat.Core;
using LiveChat.Core.Identity;

namespace LiveChat.Orleans;

/// <summary>
/// The <see cref="IIdentityPort"/> of a silo (feature X7): sends each decision to its workspace's
/// <see cref="IIdentityGrain"/>, wherever in the cluster it is active. Thread-safe.
/// </summary>
internal sealed class OrleansIdentity(IGrainFactory grains) : IIdentityPort
{
    /// <inheritdoc />
    public ValueTask<IdentifyResult> IdentifyAsync(WorkspaceId workspace, IdentifyRequest request, CancellationToken cancellationToken)
        => new(grains.GetGrain<IIdentityGrain>(workspace.Value).IdentifyAsync(request).WaitAsync(cancellationToken));
}
