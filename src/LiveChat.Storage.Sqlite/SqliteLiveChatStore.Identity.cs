using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;

namespace LiveChat.Storage.Sqlite;

/// <content>The identity log and privacy erasure (features I1–I6, X9).</content>
public sealed partial class SqliteLiveChatStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<IdentityEvent>> ReadIdentityEventsAsync(WorkspaceId workspace, long afterSequence, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        return ValueTask.FromResult<IReadOnlyList<IdentityEvent>>(Read(connection =>
        {
            using var command = Command(connection, null, "SELECT entry FROM identity_log WHERE workspace = $w AND sequence > $after ORDER BY sequence");
            command.Parameters.AddWithValue("$w", workspace.Value);
            command.Parameters.AddWithValue("$after", afterSequence);
            using var reader = command.ExecuteReader();
            var entries = new List<IdentityEvent>();
            while (reader.Read())
            {
                entries.Add(StoreJson.DeserializeIdentityEvent(reader.GetString(0)));
            }

            return entries;
        }));
    }

    /// <inheritdoc />
    public ValueTask AppendIdentityEventsAsync(
        WorkspaceId workspace, IReadOnlyList<IdentityEvent> entries, IReadOnlyList<IdentityEvent> redactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(redactions);

        // Serialized before the write, so a value that cannot be written fails the call, not the group commit.
        var rows = entries.Select(e => (e?.Sequence ?? 0, e is null ? null : StoreJson.SerializeIdentityEvent(e))).ToArray();
        var rewrites = redactions.Select(e => (e?.Sequence ?? 0, e is null ? null : StoreJson.SerializeIdentityEvent(e))).ToArray();
        return new ValueTask(WriteAsync((connection, tx) =>
        {
            using var last = Command(connection, tx, "SELECT COALESCE(MAX(sequence), 0) FROM identity_log WHERE workspace = $w");
            last.Parameters.AddWithValue("$w", workspace.Value);
            IdentityLogRules.CheckAppend(workspace, (long)last.ExecuteScalar()!, entries, redactions);
            using var insert = Command(connection, tx, "INSERT INTO identity_log (workspace, sequence, entry) VALUES ($w, $s, $e)");
            using var rewrite = Command(connection, tx, "UPDATE identity_log SET entry = $e WHERE workspace = $w AND sequence = $s");
            foreach (var (command, batch) in new[] { (insert, rows), (rewrite, rewrites) })
            {
                foreach (var (sequence, json) in batch)
                {
                    command.Parameters.Clear();
                    command.Parameters.AddWithValue("$w", workspace.Value);
                    command.Parameters.AddWithValue("$s", sequence);
                    command.Parameters.AddWithValue("$e", json);
                    command.ExecuteNonQuery();
                }
            }

            return true;
        }, cancellationToken).AsTask());
    }

    /// <inheritdoc />
    public ValueTask<long> EraseConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => WriteAsync((connection, tx) =>
        {
            var current = RequireConversation(connection, tx, workspace, conversationId);
            using var messages = Command(connection, tx,
                $"UPDATE messages SET text = $erased, sender_name = CASE WHEN sender_kind = {(int)SenderKind.Visitor} THEN $erased ELSE sender_name END "
                + "WHERE workspace = $w AND conversation_id = $c");
            messages.Parameters.AddWithValue("$erased", ConversationErasure.ErasedText);
            messages.Parameters.AddWithValue("$w", workspace.Value);
            messages.Parameters.AddWithValue("$c", SqliteDialect.Key(conversationId));
            long erased = messages.ExecuteNonQuery();
            using var write = Sql.UpdateConversation(connection, tx, ConversationErasure.Erase(current));
            write.ExecuteNonQuery();
            return erased;
        }, cancellationToken);
}
