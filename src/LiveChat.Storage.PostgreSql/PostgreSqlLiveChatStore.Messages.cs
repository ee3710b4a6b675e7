using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Storage.Relational;
using Npgsql;

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
            using var advance = Sql.AdvanceLastSequence(connection, tx, workspace, conversationId, stored.Sequence);
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
            using var command = Sql.Messages(connection, tx, workspace, conversationId, afterSequence, limit);
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
            using var upsert = Sql.AdvanceReadCursor(connection, tx, workspace, conversationId, reader, Math.Min(sequence, current.LastSequence));
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
            using var count = Sql.CountUnread(connection, tx, workspace, conversationId, reader, cursor);
            return (int)(long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<ConversationId, int>> CountUnreadManyAsync(
        WorkspaceId workspace, IReadOnlyList<ConversationId> conversationIds, ReaderId reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        return conversationIds.Count == 0
            ? ValueTask.FromResult<IReadOnlyDictionary<ConversationId, int>>(new Dictionary<ConversationId, int>())
            : ReadAsync<IReadOnlyDictionary<ConversationId, int>>(async (connection, tx, ct) =>
            {
                using var count = Sql.CountUnreadMany(connection, tx, workspace, conversationIds, reader);
                return (await DbReads.AllAsync(count, Sql.ReadUnreadCount, ct).ConfigureAwait(false)).ToDictionary(row => row.Id, row => row.Count);
            }, cancellationToken);
    }

    private static async Task<long> CursorAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken ct)
    {
        await RequireConversationAsync(connection, tx, workspace, conversationId, forUpdate: false, ct).ConfigureAwait(false);
        using var command = Sql.ReadCursor(connection, tx, workspace, conversationId, reader);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long sequence ? sequence : 0;
    }

    private static async Task<ChatMessage?> SelectByClientIdAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, WorkspaceId workspace, ConversationId conversationId, string clientId, CancellationToken ct)
    {
        using var command = Sql.FindByClientId(connection, tx, workspace, conversationId, clientId);
        return await DbReads.FirstAsync(command, Sql.ReadMessage, ct).ConfigureAwait(false);
    }

    private static async Task<ChatMessage> InsertMessageAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, WorkspaceId workspace, ConversationId conversationId, long sequence, MessageDraft draft, CancellationToken ct)
    {
        using var insert = Sql.InsertMessage(connection, tx, workspace, conversationId, sequence, draft);
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return RelationalRows.StoredMessage(conversationId, sequence, draft);
    }
}
