using System.Data.Common;
using LiveChat.Core;
using LiveChat.Core.Storage;

namespace LiveChat.Storage.Relational;

/// <summary>
/// <see cref="IDueWorkStore"/> on a SQL database: one row per key, the instant in Unix milliseconds, the kind by name.
/// A schedule is one upsert that draws a fresh random generation; a completion is one delete conditioned on it, so of
/// concurrent completions exactly one changes a row. Thread-safe.
/// </summary>
internal sealed class RelationalDueWorkStore(RelationalDatabase database) : IDueWorkStore
{
    private const string Columns = "workspace, subject, kind, due_at, generation";

    public async ValueTask<DueWork> ScheduleAsync(DueWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var stored = work with { DueAt = DueWorkRules.Truncate(work.DueAt), Generation = Random.Shared.NextInt64(1, long.MaxValue) };
        await database.ExecuteAsync(
            $"""
            INSERT INTO livechat_due_work ({Columns}) VALUES (@p0, @p1, @p2, @p3, @p4)
            ON CONFLICT (workspace, subject, kind) DO UPDATE SET due_at = excluded.due_at, generation = excluded.generation
            """,
            [stored.Workspace.Value, stored.Subject, stored.Kind.ToString(), stored.DueAt.ToUnixTimeMilliseconds(), stored.Generation],
            cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async ValueTask<bool> CancelAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return await database.ExecuteAsync(
            "DELETE FROM livechat_due_work WHERE workspace = @p0 AND subject = @p1 AND kind = @p2", [workspace.Value, subject, kind.ToString()], cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    public async ValueTask<DueWork?> FindAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return await database.QuerySingleAsync(
            $"SELECT {Columns} FROM livechat_due_work WHERE workspace = @p0 AND subject = @p1 AND kind = @p2",
            [workspace.Value, subject, kind.ToString()],
            Read,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The partition is the generation's remainder (see <see cref="DueWorkPartition"/>); generations here are positive.</summary>
    public async ValueTask<IReadOnlyList<DueWork>> ListDueAsync(DateTimeOffset dueBy, int limit, DueWorkPartition partition = default, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await database.QueryAsync(
            $"SELECT {Columns} FROM livechat_due_work WHERE due_at <= @p0 AND generation % @p2 = @p3 ORDER BY due_at, workspace, subject, kind LIMIT @p1",
            [dueBy.ToUnixTimeMilliseconds(), (long)limit, (long)partition.Count, (long)partition.Index],
            Read,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The kinds are bound as parameters, one each; the order is <see cref="ListDueAsync"/>'s.</summary>
    public async ValueTask<IReadOnlyList<DueWork>> ListPendingAsync(IReadOnlyCollection<DueWorkKind> kinds, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (kinds.Count == 0)
        {
            return [];
        }

        var names = kinds.Distinct().Select(k => (object)k.ToString()).ToList();
        var list = string.Join(", ", Enumerable.Range(1, names.Count).Select(i => $"@p{i}"));
        return await database.QueryAsync(
            $"SELECT {Columns} FROM livechat_due_work WHERE kind IN ({list}) ORDER BY due_at, workspace, subject, kind LIMIT @p0",
            [(long)limit, .. names],
            Read,
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> TryCompleteAsync(DueWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return await database.ExecuteAsync(
            "DELETE FROM livechat_due_work WHERE workspace = @p0 AND subject = @p1 AND kind = @p2 AND generation = @p3",
            [work.Workspace.Value, work.Subject, work.Kind.ToString(), work.Generation],
            cancellationToken).ConfigureAwait(false) == 1;
    }

    private static DueWork Read(DbDataReader row) => new(
        new WorkspaceId(row.GetString(0)),
        row.GetString(1),
        Enum.Parse<DueWorkKind>(row.GetString(2)),
        DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(3)),
        row.GetInt64(4));
}
