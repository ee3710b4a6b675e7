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

    /// <summary>
    /// The items of <paramref name="kinds"/>, due or not, earliest first, at most <paramref name="limit"/>: what a starting
    /// process re-arms for the owner of those kinds (routing: offer expiry and the presence grace; playbooks: timed
    /// cards; the reply mailer: unread-reply windows), without reading the other owners' items. An empty
    /// <paramref name="kinds"/> lists nothing.
    /// </summary>
    /// <remarks>
    /// The built-in stores filter in the store, so the page holds <paramref name="limit"/> items of those kinds whenever
    /// there are that many. This default, for a store written before it, filters <see cref="ListDueAsync"/>'s page of the
    /// whole store instead, so items of those kinds behind <paramref name="limit"/> items of other kinds are not listed.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="kinds"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    ValueTask<IReadOnlyList<DueWork>> ListPendingAsync(IReadOnlyCollection<DueWorkKind> kinds, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return FilteredAsync(ListDueAsync(DateTimeOffset.MaxValue, limit, cancellationToken: cancellationToken), kinds);

        static async ValueTask<IReadOnlyList<DueWork>> FilteredAsync(ValueTask<IReadOnlyList<DueWork>> page, IReadOnlyCollection<DueWorkKind> kinds)
            => [.. (await page.ConfigureAwait(false)).Where(w => kinds.Contains(w.Kind))];
    }

    /// <summary>Removes <paramref name="work"/> if the stored item of its key has its generation.</summary>
    /// <returns>Whether this call removed it: exactly one of concurrent callers gets <see langword="true"/>.</returns>
    ValueTask<bool> TryCompleteAsync(DueWork work, CancellationToken cancellationToken = default);
}
