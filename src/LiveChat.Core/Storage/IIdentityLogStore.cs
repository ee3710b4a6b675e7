using LiveChat.Core.Identity;

namespace LiveChat.Core.Storage;

/// <summary>
/// The storage port for the identity graph (features I1–I6, X9): each workspace's append-only log of
/// <see cref="IdentityEvent"/>s, from which contacts are rebuilt. The engine keeps the replayed graph in memory and reads
/// only the entries it has not seen, so several processes can share one log.
/// </summary>
/// <remarks>
/// <para>Implementations must be thread-safe. Entries are numbered 1, 2, 3… per workspace, without gaps.</para>
/// <para>
/// The log is append-only with one exception, privacy erasure: <see cref="AppendIdentityEventsAsync"/> may rewrite
/// earlier entries without their personal values, in the same atomic write as the <see cref="ContactErased"/> entry.
/// </para>
/// <para>Adapters serialize entries with <see cref="StoreJson.SerializeIdentityEvent"/>, so every backend keeps the same shape.</para>
/// </remarks>
public interface IIdentityLogStore
{
    /// <summary>The workspace's entries numbered after <paramref name="afterSequence"/>, oldest first.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="afterSequence">The last sequence the caller has; 0 reads the whole log.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<IReadOnlyList<IdentityEvent>> ReadIdentityEventsAsync(WorkspaceId workspace, long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="entries"/>, whose sequences must continue the stored log exactly, and replaces the stored
    /// entries that have the sequences of <paramref name="redactions"/> by them; all or nothing.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="entries">New entries, numbered from the stored log's last sequence + 1.</param>
    /// <param name="redactions">Earlier entries rewritten without personal values; usually empty.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="IdentityLogConflictException">Another writer appended first; nothing was written.</exception>
    /// <exception cref="ArgumentException">Entries not numbered consecutively, or a redaction of an entry that does not exist.</exception>
    ValueTask AppendIdentityEventsAsync(
        WorkspaceId workspace, IReadOnlyList<IdentityEvent> entries, IReadOnlyList<IdentityEvent> redactions, CancellationToken cancellationToken = default);
}
