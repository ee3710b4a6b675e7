using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Storage.Relational;
using Npgsql;
using NpgsqlTypes;

namespace LiveChat.Storage.PostgreSql;

/// <content>Messages and read cursors.</content>
public sealed partial class PostgreSqlLiveChatStore
{
    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(
        WorkspaceId workspace, ConversationId conversationId, long expectedVersion, MessageDraft message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _appends is { } queue
            ? new ValueTask<AppendResult>(Reported(queue.EnqueueAsync(workspace, conversationId, expectedVersion, message, cancellationToken), nameof(AppendAsync)))
            : AppendAloneAsync(workspace, conversationId, expectedVersion, message, cancellationToken);
    }

    /// <summary>The append as one transaction of its own: the path without group commit.</summary>
    private ValueTask<AppendResult> AppendAloneAsync(
        WorkspaceId workspace, ConversationId conversationId, long expectedVersion, MessageDraft message, CancellationToken cancellationToken)
        => WriteAsync(async (connection, tx, ct) =>
        {
            // Under the row lock, a retry of the same message waits for the first attempt to commit and then finds it:
            // it is stored once, and the unique index on client ids is never what decides.
            var current = await RequireConversationAsync(connection, tx, workspace, conversationId, forUpdate: true, ct).ConfigureAwait(false);
            if (message.ClientMessageId is { } clientId
                && await SelectByClientIdAsync(connection, tx, workspace, conversationId, clientId, ct).ConfigureAwait(false) is { } earlier)
            {
                return earlier.Sender.IsSameAuthorAs(message.Sender) && string.Equals(earlier.Text, message.Text, StringComparison.Ordinal)
                    ? new AppendResult(earlier, IsDuplicate: true)
                    : throw new IdempotencyConflictException(conversationId, clientId);
            }

            if (current.Version != expectedVersion)
            {
                throw new ConcurrencyConflictException(conversationId, expectedVersion, current.Version);
            }

            var stored = await InsertMessageAsync(connection, tx, workspace, conversationId, current.LastSequence + 1, message, ct).ConfigureAwait(false);
            using var advance = Command(connection, tx, "UPDATE conversations SET last_sequence = @s WHERE workspace = @w AND id = @id");
            advance.Parameters.AddWithValue("s", stored.Sequence);
            advance.Parameters.AddWithValue("w", workspace.Value);
            advance.Parameters.AddWithValue("id", conversationId.Value);
            await advance.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return new AppendResult(stored, IsDuplicate: false);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ChatMessage?> FindByClientMessageIdAsync(
        WorkspaceId workspace, ConversationId conversationId, string clientMessageId, CancellationToken cancellationToken = default)
        => ReadAsync(async (connection, tx, ct) =>
        {
            await RequireConversationAsync(connection, tx, workspace, conversationId, forUpdate: false, ct).ConfigureAwait(false);
            return await SelectByClientIdAsync(connection, tx, workspace, conversationId, clientMessageId, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        WorkspaceId workspace, ConversationId conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync<IReadOnlyList<ChatMessage>>(async (connection, tx, ct) =>
        {
            await RequireConversationAsync(connection, tx, workspace, conversationId, forUpdate: false, ct).ConfigureAwait(false);
            using var command = Command(connection, tx,
                $"SELECT {RelationalRows.MessageColumns} FROM messages WHERE workspace = @w AND conversation_id = @id AND sequence > @after ORDER BY sequence LIMIT @limit");
            command.Parameters.AddWithValue("w", workspace.Value);
            command.Parameters.AddWithValue("id", conversationId.Value);
            command.Parameters.AddWithValue("after", afterSequence);
            command.Parameters.AddWithValue("limit", limit);
            return await DbReads.AllAsync(command, Sql.ReadMessage, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<long> AdvanceReadCursorAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return WriteAsync(async (connection, tx, ct) =>
        {
            var current = await RequireConversationAsync(connection, tx, workspace, conversationId, forUpdate: false, ct).ConfigureAwait(false);
            // GREATEST in the upsert keeps the cursor from moving back, even when two calls race.
            using var upsert = Command(connection, tx,
                "INSERT INTO read_cursors (workspace, conversation_id, reader, sequence) VALUES (@w, @id, @r, @s) "
                + "ON CONFLICT (workspace, conversation_id, reader) DO UPDATE SET sequence = GREATEST(read_cursors.sequence, excluded.sequence) RETURNING sequence");
            upsert.Parameters.AddWithValue("w", workspace.Value);
            upsert.Parameters.AddWithValue("id", conversationId.Value);
            upsert.Parameters.AddWithValue("r", reader.ToString());
            upsert.Parameters.AddWithValue("s", Math.Min(sequence, current.LastSequence));
            return (long)(await upsert.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<long> GetReadCursorAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default)
        => ReadAsync((connection, tx, ct) => CursorAsync(connection, tx, workspace, conversationId, reader, ct), cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> CountUnreadAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default)
        => ReadAsync(async (connection, tx, ct) =>
        {
            var cursor = await CursorAsync(connection, tx, workspace, conversationId, reader, ct).ConfigureAwait(false);
            using var count = Command(connection, tx,
                "SELECT COUNT(*) FROM messages WHERE workspace = @w AND conversation_id = @id AND sequence > @cursor "
                + "AND NOT (sender_kind = @kind AND COALESCE(sender_agent, '') = @agent)");
            count.Parameters.AddWithValue("w", workspace.Value);
            count.Parameters.AddWithValue("id", conversationId.Value);
            count.Parameters.AddWithValue("cursor", cursor);
            count.Parameters.AddWithValue("kind", (int)reader.Kind);
            count.Parameters.AddWithValue("agent", reader.AgentId?.Value ?? string.Empty);
            return (int)(long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);

    private static async Task<long> CursorAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken ct)
    {
        await RequireConversationAsync(connection, tx, workspace, conversationId, forUpdate: false, ct).ConfigureAwait(false);
        using var command = Command(connection, tx, "SELECT sequence FROM read_cursors WHERE workspace = @w AND conversation_id = @id AND reader = @r");
        command.Parameters.AddWithValue("w", workspace.Value);
        command.Parameters.AddWithValue("id", conversationId.Value);
        command.Parameters.AddWithValue("r", reader.ToString());
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long sequence ? sequence : 0;
    }

    private static async Task<ChatMessage?> SelectByClientIdAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, WorkspaceId workspace, ConversationId conversationId, string clientId, CancellationToken ct)
    {
        using var command = Command(connection, tx,
            $"SELECT {RelationalRows.MessageColumns} FROM messages WHERE workspace = @w AND conversation_id = @id AND client_message_id = @c");
        command.Parameters.AddWithValue("w", workspace.Value);
        command.Parameters.AddWithValue("id", conversationId.Value);
        command.Parameters.AddWithValue("c", clientId);
        return await DbReads.FirstAsync(command, Sql.ReadMessage, ct).ConfigureAwait(false);
    }

    private static async Task<ChatMessage> InsertMessageAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, WorkspaceId workspace, ConversationId conversationId, long sequence, MessageDraft draft, CancellationToken ct)
    {
        using var insert = Command(connection, tx,
            $"INSERT INTO messages (workspace, {RelationalRows.MessageColumns}) VALUES (@w, @id, @seq, @kind, @name, @agent, @text, @client, @event, @sent)");
        insert.Parameters.AddWithValue("w", workspace.Value);
        insert.Parameters.AddWithValue("id", conversationId.Value);
        insert.Parameters.AddWithValue("seq", sequence);
        insert.Parameters.AddWithValue("kind", (int)draft.Sender.Kind);
        insert.Parameters.AddWithValue("name", draft.Sender.DisplayName);
        insert.Parameters.AddWithValue("agent", NpgsqlDbType.Text, (object?)draft.Sender.AgentId?.Value ?? DBNull.Value);
        insert.Parameters.AddWithValue("text", draft.Text);
        insert.Parameters.AddWithValue("client", NpgsqlDbType.Text, (object?)draft.ClientMessageId ?? DBNull.Value);
        insert.Parameters.AddWithValue("event", (int)draft.SystemEvent);
        insert.Parameters.AddWithValue("sent", draft.SentAt.UtcTicks);
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return RelationalRows.StoredMessage(conversationId, sequence, draft);
    }
}
