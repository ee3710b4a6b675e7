using LiveChat.Core;

namespace LiveChat.Storage.Relational;

/// <summary>
/// <see cref="IWorkspaceSettingsStore"/> on a SQL database: one row per (workspace, section). A save is one statement,
/// an insert that does nothing when the section exists, or an update conditioned on the expected version. Thread-safe.
/// </summary>
internal sealed class RelationalWorkspaceSettingsStore(RelationalDatabase database) : IWorkspaceSettingsStore
{
    public async ValueTask<IReadOnlyList<WorkspaceSettingsEntry>> GetAllAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => await database.QueryAsync(
            "SELECT section, body, version FROM livechat_workspace_settings WHERE workspace = @p0",
            [workspace.Value],
            r => new WorkspaceSettingsEntry(r.GetString(0), r.GetString(1), r.GetInt64(2)),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> TrySaveAsync(WorkspaceId workspace, string section, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(json);
        var changed = expectedVersion == 0
            ? await database.ExecuteAsync(
                "INSERT INTO livechat_workspace_settings (workspace, section, version, body) VALUES (@p0, @p1, 1, @p2) ON CONFLICT DO NOTHING",
                [workspace.Value, section, json],
                cancellationToken).ConfigureAwait(false)
            : await database.ExecuteAsync(
                "UPDATE livechat_workspace_settings SET body = @p2, version = @p3 + 1 WHERE workspace = @p0 AND section = @p1 AND version = @p3",
                [workspace.Value, section, json, expectedVersion],
                cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }
}
