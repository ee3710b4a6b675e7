namespace LiveChat.Core.Identity;

/// <summary>
/// The default <see cref="IIdentityPort"/>: decides in this process, in the workspace's writer's turn of
/// <see cref="IdentityService"/> (features I2–I4). An adapter that moves a workspace's decisions elsewhere (an identity
/// grain of <c>LiveChat.Orleans</c>, feature X7) runs this class there. Thread-safe.
/// </summary>
public sealed class InProcessIdentity : IIdentityPort
{
    private readonly IdentityService _identity;

    internal InProcessIdentity(IdentityService identity) => _identity = identity;

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public async ValueTask<IdentifyResult> IdentifyAsync(WorkspaceId workspace, IdentifyRequest request, CancellationToken cancellationToken)
        => (await _identity.IdentifyHereAsync(workspace, request, decide: true, cancellationToken).ConfigureAwait(false))!;
}
