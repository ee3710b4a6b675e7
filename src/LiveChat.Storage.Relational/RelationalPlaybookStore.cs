using LiveChat.Core;
using LiveChat.Core.Playbooks;

namespace LiveChat.Storage.Relational;

/// <summary>
/// <see cref="IPlaybookStore"/> on a SQL database: one row per published version, its JSON written by
/// <see cref="PlaybookJson"/>; the active playbook is the row inserted last. A publication is one conditional insert, so a
/// version not newer than a stored one of the same playbook is refused; two processes publishing two newer versions at
/// the same moment may both succeed, and the one committed last is active. Thread-safe.
/// </summary>
internal sealed class RelationalPlaybookStore(RelationalDatabase database) : IPlaybookStore
{
    public async ValueTask<int> PublishAsync(WorkspaceId workspace, Playbook playbook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var inserted = await database.ExecuteAsync(
            """
            INSERT INTO livechat_playbooks (workspace, playbook_id, version, body)
            SELECT @p0, @p1, @p2, @p3
            WHERE NOT EXISTS (SELECT 1 FROM livechat_playbooks WHERE workspace = @p0 AND playbook_id = @p1 AND version >= @p2)
            ON CONFLICT DO NOTHING
            """,
            [workspace.Value, playbook.Id, (long)playbook.Version, PlaybookJson.Serialize(playbook)],
            cancellationToken).ConfigureAwait(false);
        if (inserted == 1)
        {
            // Versions are checked to grow, so the newest stored before this one was older.
            return await LatestAsync(workspace, playbook.Id, playbook.Version, cancellationToken).ConfigureAwait(false);
        }

        return await LatestAsync(workspace, playbook.Id, int.MaxValue, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Playbook?> FindActiveAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        var body = await database.QuerySingleAsync(
            "SELECT body FROM livechat_playbooks WHERE workspace = @p0 ORDER BY seq DESC LIMIT 1", [workspace.Value], r => r.GetString(0), cancellationToken)
            .ConfigureAwait(false);
        return body is null ? null : PlaybookJson.Deserialize(body);
    }

    public async ValueTask<Playbook?> FindVersionAsync(WorkspaceId workspace, string playbookId, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(playbookId);
        var body = await database.QuerySingleAsync(
            "SELECT body FROM livechat_playbooks WHERE workspace = @p0 AND playbook_id = @p1 AND version = @p2",
            [workspace.Value, playbookId, (long)version],
            r => r.GetString(0),
            cancellationToken).ConfigureAwait(false);
        return body is null ? null : PlaybookJson.Deserialize(body);
    }

    /// <summary>The newest stored version of the playbook below <paramref name="below"/>, 0 when none.</summary>
    private async ValueTask<int> LatestAsync(WorkspaceId workspace, string playbookId, int below, CancellationToken cancellationToken)
        => (int)await database.QuerySingleAsync(
            "SELECT COALESCE(MAX(version), 0) FROM livechat_playbooks WHERE workspace = @p0 AND playbook_id = @p1 AND version < @p2",
            [workspace.Value, playbookId, (long)below],
            r => r.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
}
