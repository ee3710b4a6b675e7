using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <content>Messages and read cursors.</content>
public sealed partial class SqliteLiveChatStore
{
    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(
        WorkspaceId workspace, ConversationId conversationId, long expectedVersion, MessageDraft message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WriteAsync((connection, tx) =>
        {
            var current = RequireConversation(connection, tx, workspace, conversationId);
            if (message.ClientMessageId is { } clientId && FindByClientId(connection, tx, workspace, conversationId, clientId) is { } earlier)
            {
                return earlier.Sender.IsSameAuthorAs(message.Sender) && string.Equals(earlier.Text, message.Text, StringComparison.Ordinal)
                    ? new AppendResult(earlier, IsDuplicate: true)
                    : throw new IdempotencyConflictException(conversationId, clientId);
            }

            if (current.Version != expectedVersion)
            {
                throw new ConcurrencyConflictException(conversationId, expectedVersion, current.Version);
            }

            var stored = InsertMessage(connection, tx, workspace, conversationId, current.LastSequence + 1, message);
            using var advance = Command(connection, tx, "UPDATE conversations SET last_sequence = $s WHERE workspace = $w AND id = $id");
            advance.Parameters.AddWithValue("$s", stored.Sequence);
            advance.Parameters.AddWithValue("$w", workspace.Value);
            advance.Parameters.AddWithValue("$id", SqliteDialect.Key(conversationId));
            advance.ExecuteNonQuery();
            return new AppendResult(stored, IsDuplicate: false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ChatMessage?> FindByClientMessageIdAsync(
        WorkspaceId workspace, ConversationId conversationId, string clientMessageId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(connection =>
        {
            RequireConversation(connection, null, workspace, conversationId);
            return FindByClientId(connection, null, workspace, conversationId, clientMessageId);
        }));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        WorkspaceId workspace, ConversationId conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ValueTask.FromResult<IReadOnlyList<ChatMessage>>(Read(connection =>
        {
            RequireConversation(connection, null, workspace, conversationId);
            using var command = Command(connection, null,
                $"SELECT {RelationalRows.MessageColumns} FROM messages WHERE workspace = $w AND conversation_id = $id AND sequence > $after ORDER BY sequence LIMIT $limit");
            command.Parameters.AddWithValue("$w", workspace.Value);
            command.Parameters.AddWithValue("$id", SqliteDialect.Key(conversationId));
            command.Parameters.AddWithValue("$after", afterSequence);
            command.Parameters.AddWithValue("$limit", limit);
            return DbReads.All(command, Sql.ReadMessage);
        }));
    }

    /// <inheritdoc />
    public ValueTask<long> AdvanceReadCursorAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return WriteAsync((connection, tx) =>
        {
            var current = RequireConversation(connection, tx, workspace, conversationId);
            using var upsert = Command(connection, tx,
                "INSERT INTO read_cursors (workspace, conversation_id, reader, sequence) VALUES ($w, $id, $r, $s) "
                + "ON CONFLICT (workspace, conversation_id, reader) DO UPDATE SET sequence = MAX(sequence, excluded.sequence) RETURNING sequence");
            upsert.Parameters.AddWithValue("$w", workspace.Value);
            upsert.Parameters.AddWithValue("$id", SqliteDialect.Key(conversationId));
            upsert.Parameters.AddWithValue("$r", reader.ToString());
            upsert.Parameters.AddWithValue("$s", Math.Min(sequence, current.LastSequence));
            return (long)upsert.ExecuteScalar()!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<long> GetReadCursorAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(connection => Cursor(connection, workspace, conversationId, reader)));

    /// <inheritdoc />
    public ValueTask<int> CountUnreadAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(connection =>
        {
            var cursor = Cursor(connection, workspace, conversationId, reader);
            using var count = Command(connection, null,
                "SELECT COUNT(*) FROM messages WHERE workspace = $w AND conversation_id = $id AND sequence > $cursor "
                + "AND NOT (sender_kind = $kind AND IFNULL(sender_agent, '') = $agent)");
            count.Parameters.AddWithValue("$w", workspace.Value);
            count.Parameters.AddWithValue("$id", SqliteDialect.Key(conversationId));
            count.Parameters.AddWithValue("$cursor", cursor);
            count.Parameters.AddWithValue("$kind", (int)reader.Kind);
            count.Parameters.AddWithValue("$agent", reader.AgentId?.Value ?? string.Empty);
            return (int)(long)count.ExecuteScalar()!;
        }));

    private static long Cursor(SqliteConnection connection, WorkspaceId workspace, ConversationId conversationId, ReaderId reader)
    {
        RequireConversation(connection, null, workspace, conversationId);
        using var command = Command(connection, null, "SELECT sequence FROM read_cursors WHERE workspace = $w AND conversation_id = $id AND reader = $r");
        command.Parameters.AddWithValue("$w", workspace.Value);
        command.Parameters.AddWithValue("$id", SqliteDialect.Key(conversationId));
        command.Parameters.AddWithValue("$r", reader.ToString());
        return command.ExecuteScalar() is long sequence ? sequence : 0;
    }

    private static ChatMessage? FindByClientId(SqliteConnection connection, SqliteTransaction? tx, WorkspaceId workspace, ConversationId conversationId, string clientId)
    {
        using var command = Command(connection, tx,
            $"SELECT {RelationalRows.MessageColumns} FROM messages WHERE workspace = $w AND conversation_id = $id AND client_message_id = $c");
        command.Parameters.AddWithValue("$w", workspace.Value);
        command.Parameters.AddWithValue("$id", SqliteDialect.Key(conversationId));
        command.Parameters.AddWithValue("$c", clientId);
        return DbReads.First(command, Sql.ReadMessage);
    }

    private static ChatMessage InsertMessage(SqliteConnection connection, SqliteTransaction tx, WorkspaceId workspace, ConversationId conversationId, long sequence, MessageDraft draft)
    {
        using var insert = Command(connection, tx,
            "INSERT INTO messages (workspace, " + RelationalRows.MessageColumns + ") VALUES ($w, $id, $seq, $kind, $name, $agent, $text, $client, $event, $sent)");
        insert.Parameters.AddWithValue("$w", workspace.Value);
        insert.Parameters.AddWithValue("$id", SqliteDialect.Key(conversationId));
        insert.Parameters.AddWithValue("$seq", sequence);
        insert.Parameters.AddWithValue("$kind", (int)draft.Sender.Kind);
        insert.Parameters.AddWithValue("$name", draft.Sender.DisplayName);
        insert.Parameters.AddWithValue("$agent", (object?)draft.Sender.AgentId?.Value ?? DBNull.Value);
        insert.Parameters.AddWithValue("$text", draft.Text);
        insert.Parameters.AddWithValue("$client", (object?)draft.ClientMessageId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$event", (int)draft.SystemEvent);
        insert.Parameters.AddWithValue("$sent", draft.SentAt.UtcTicks);
        insert.ExecuteNonQuery();
        return RelationalRows.StoredMessage(conversationId, sequence, draft);
    }
}
