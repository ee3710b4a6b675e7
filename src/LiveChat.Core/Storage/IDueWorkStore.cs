namespace LiveChat.Core.Storage;

/// <summary>
/// Work that comes due at an instant and must not be forgotten when a process stops (features R1, R6, R7, E3, E4, P7):
/// offer expiry, the presence grace, unread-reply windows and timed cards. The store can be asked what is due; a process
/// that starts re-arms its timers from it. <see cref="InMemoryDueWorkStore"/> is the embedded default; <c>UseSqlite</c>
/// and <c>UsePostgreSql</c> register durable ones.
/// </summary>
/// <remarks>
/// <para>
/// Items are keyed by (workspace, subject, kind). <see cref="ScheduleAsync"/> inserts or replaces the key's item and
/// gives it a new <see cref="DueWork.Generation"/>; <see cref="TryCompleteAsync"/> removes an item only if its generation
/// is still the stored one, and says whether it did: of several processes firing the same item, exactly one completes
/// it, and only that one carries the work out.
/// </para>
/// <para>Implementations must be thread-safe and each method atomic. Instants are kept to the millisecond.</para>
/// </remarks>
public interface IDueWorkStore
{
    /// <summary>Inserts or replaces the item of the key (workspace, subject, kind); returns it with its new generation.</summary>
    ValueTask<DueWork> ScheduleAsync(DueWork work, CancellationToken cancellationToken = default);

    /// <summary>Removes the key's item, whatever its generation; returns whether there was one.</summary>
    ValueTask<bool> CancelAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default);

    /// <summary>The key's item, or <see langword="null"/>.</summary>
    ValueTask<DueWork?> FindAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default);

    /// <summary>
    /// Items due at or before <paramref name="dueBy"/>, earliest first, at most <paramref name="limit"/>, of
    /// <paramref name="partition"/> only (see <see cref="DueWorkPartition.Contains"/>; <c>default</c>: the whole store).
    /// The store filters, so a partition's page is full whenever it has that many due: what one of several sweeps asks
    /// for (X7).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    ValueTask<IReadOnlyList<DueWork>> ListDueAsync(DateTimeOffset dueBy, int limit, DueWorkPartition partition = default, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="work"/> if the stored item of its key has its generation.</summary>
    /// <returns>Whether this call removed it: exactly one of concurrent callers gets <see langword="true"/>.</returns>
    ValueTask<bool> TryCompleteAsync(DueWork work, CancellationToken cancellationToken = default);
}
