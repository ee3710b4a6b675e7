using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;

namespace LiveChat.Storage.Relational;

/// <summary>
/// <see cref="IPlaybookRunStore"/> on a SQL database: one row per conversation, the run as the deterministic JSON of
/// <see cref="PlaybookRunJson"/>. The compare-and-swap is one statement on that text: an insert that does nothing when a
/// run exists, or an update whose condition is the expected run's text. Thread-safe.
/// </summary>
internal sealed class RelationalPlaybookRunStore(RelationalDatabase database) : IPlaybookRunStore
{
    public async ValueTask<PlaybookRun?> FindAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        var body = await database.QuerySingleAsync(
            "SELECT body FROM livechat_playbook_runs WHERE workspace = @p0 AND conversation = @p1",
            [workspace.Value, conversationId.ToString()],
            r => r.GetString(0),
            cancellationToken).ConfigureAwait(false);
        return body is null ? null : PlaybookRunJson.Deserialize(body);
    }

    public async ValueTask<bool> TryReplaceAsync(
        WorkspaceId workspace, ConversationId conversationId, PlaybookRun? expected, PlaybookRun replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var body = PlaybookRunJson.Serialize(replacement);
        var changed = expected is null
            ? await database.ExecuteAsync(
                "INSERT INTO livechat_playbook_runs (workspace, conversation, body) VALUES (@p0, @p1, @p2) ON CONFLICT DO NOTHING",
                [workspace.Value, conversationId.ToString(), body],
                cancellationToken).ConfigureAwait(false)
            : await database.ExecuteAsync(
                "UPDATE livechat_playbook_runs SET body = @p2 WHERE workspace = @p0 AND conversation = @p1 AND body = @p3",
                [workspace.Value, conversationId.ToString(), body, PlaybookRunJson.Serialize(expected)],
                cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }
}
