namespace LiveChat.Core.Identity;

/// <summary>
/// Where a workspace's identity decisions run (features I2–I4, X7): the one seam that lets a single writer, such as an
/// identity grain of <c>LiveChat.Orleans</c>, own a workspace's identity log for a whole cluster.
/// </summary>
/// <remarks>
/// <para>
/// The default is <see cref="InProcessIdentity"/>: each process decides in its own writer's turn (one writer per
/// workspace in the process), and the store's append check (<see cref="IdentityLogConflictException"/>) makes a
/// process that lost a race to another replay the log and decide again. Another implementation must deliver every
/// call for one workspace to a single place that runs <see cref="InProcessIdentity"/> for it, so that two processes
/// never write one workspace's log at once.
/// </para>
/// <para>
/// Calls may come concurrently from any thread; an implementation must be thread-safe. It throws what
/// <see cref="IdentityService.IdentifyAsync"/> documents, as <see cref="InProcessIdentity"/> raised it.
/// </para>
/// </remarks>
public interface IIdentityPort
{
    /// <summary>Resolves a conversation to one contact, as <see cref="IdentityService.IdentifyAsync"/> documents (feature I2).</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="request">The conversation and what it tells about its client; not null.</param>
    /// <param name="cancellationToken">Cancels the wait (a decision already under way is finished).</param>
    /// <returns>The outcome, as <see cref="IdentityService.IdentifyAsync"/> returns it.</returns>
    ValueTask<IdentifyResult> IdentifyAsync(WorkspaceId workspace, IdentifyRequest request, CancellationToken cancellationToken);
}
