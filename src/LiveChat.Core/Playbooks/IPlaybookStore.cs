namespace LiveChat.Core.Playbooks;

/// <summary>
/// Where published playbooks live, every version of each (features P1, X3): what lets a restarted process, or a second
/// one over the same database, run the playbook a workspace published. <see cref="InMemoryPlaybookStore"/> is the embedded
/// default; <c>UseSqlite</c> and <c>UsePostgreSql</c> register durable ones.
/// </summary>
/// <remarks>
/// <para>
/// A stored version never changes. The workspace's active playbook is the one published last, whatever its id.
/// <see cref="PublishAsync"/> is a conditional insert: a version that is not newer than every stored version of the
/// same playbook id is refused and nothing changes, so two processes publishing the same version store it once.
/// </para>
/// <para>Implementations must be thread-safe; reads see every publication that returned before they started.</para>
/// </remarks>
public interface IPlaybookStore
{
    /// <summary>
    /// Stores <paramref name="playbook"/> as the workspace's active playbook, unless a version of the same playbook id as
    /// new as its <see cref="Playbook.Version"/> or newer is stored already.
    /// </summary>
    /// <returns>
    /// The newest version of that playbook id stored before the call (0 when none): the playbook was stored if and only
    /// if its version is greater.
    /// </returns>
    ValueTask<int> PublishAsync(WorkspaceId workspace, Playbook playbook, CancellationToken cancellationToken = default);

    /// <summary>The workspace's playbook published last, or <see langword="null"/> before the first publication.</summary>
    ValueTask<Playbook?> FindActiveAsync(WorkspaceId workspace, CancellationToken cancellationToken = default);

    /// <summary>A published version of a playbook, or <see langword="null"/>.</summary>
    ValueTask<Playbook?> FindVersionAsync(WorkspaceId workspace, string playbookId, int version, CancellationToken cancellationToken = default);
}
