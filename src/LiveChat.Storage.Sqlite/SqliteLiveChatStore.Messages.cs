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
            using var advance = Sql.AdvanceLastSequence(connection, tx, workspace, conversationId, stored.Sequence);
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
            using var command = Sql.Messages(connection, null, workspace, conversationId, afterSequence, limit);
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
            using var upsert = Sql.AdvanceReadCursor(connection, tx, workspace, conversationId, reader, Math.Min(sequence, current.LastSequence));
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
            using var count = Sql.CountUnread(connection, null, workspace, conversationId, reader, cursor);
            return (int)(long)count.ExecuteScalar()!;
        }));

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<ConversationId, int>> CountUnreadManyAsync(
        WorkspaceId workspace, IReadOnlyList<ConversationId> conversationIds, ReaderId reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        return conversationIds.Count == 0
            ? ValueTask.FromResult<IReadOnlyDictionary<ConversationId, int>>(new Dictionary<ConversationId, int>())
            : ValueTask.FromResult<IReadOnlyDictionary<ConversationId, int>>(Read(connection =>
            {
                using var count = Sql.CountUnreadMany(connection, null, workspace, conversationIds, reader);
                return DbReads.All(count, Sql.ReadUnreadCount).ToDictionary(row => row.Id, row => row.Count);
            }));
    }

    private static long Cursor(SqliteConnection connection, WorkspaceId workspace, ConversationId conversationId, ReaderId reader)
    {
        RequireConversation(connection, null, workspace, conversationId);
        using var command = Sql.ReadCursor(connection, null, workspace, conversationId, reader);
        return command.ExecuteScalar() is long sequence ? sequence : 0;
    }

    private static ChatMessage? FindByClientId(SqliteConnection connection, SqliteTransaction? tx, WorkspaceId workspace, ConversationId conversationId, string clientId)
    {
        using var command = Sql.FindByClientId(connection, tx, workspace, conversationId, clientId);
        return DbReads.First(command, Sql.ReadMessage);
    }

    private static ChatMessage InsertMessage(SqliteConnection connection, SqliteTransaction tx, WorkspaceId workspace, ConversationId conversationId, long sequence, MessageDraft draft)
    {
        using var insert = Sql.InsertMessage(connection, tx, workspace, conversationId, sequence, draft);
        insert.ExecuteNonQuery();
        return RelationalRows.StoredMessage(conversationId, sequence, draft);
    }
}
