using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;
using LiveChat.Storage.Relational;
using Npgsql;

namespace LiveChat.Storage.PostgreSql;

/// <content>The identity log and privacy erasure (features I1–I6, X9).</content>
public sealed partial class PostgreSqlLiveChatStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<IdentityEvent>> ReadIdentityEventsAsync(WorkspaceId workspace, long afterSequence, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        return ReadAsync<IReadOnlyList<IdentityEvent>>(async (connection, tx, ct) =>
        {
            using var command = Command(connection, tx, "SELECT entry FROM identity_log WHERE workspace = @w AND sequence > @after ORDER BY sequence");
            command.Parameters.AddWithValue("w", workspace.Value);
            command.Parameters.AddWithValue("after", afterSequence);
            return await DbReads.AllAsync(command, r => StoreJson.DeserializeIdentityEvent(r.GetString(0)), ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask AppendIdentityEventsAsync(
        WorkspaceId workspace, IReadOnlyList<IdentityEvent> entries, IReadOnlyList<IdentityEvent> redactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(redactions);
        await WriteAsync(async (connection, tx, ct) =>
        {
            using var last = Command(connection, tx, "SELECT COALESCE(MAX(sequence), 0) FROM identity_log WHERE workspace = @w");
            last.Parameters.AddWithValue("w", workspace.Value);
            IdentityLogRules.CheckAppend(workspace, (long)(await last.ExecuteScalarAsync(ct).ConfigureAwait(false))!, entries, redactions);
            foreach (var (sql, batch) in new[]
            {
                ("INSERT INTO identity_log (workspace, sequence, entry) VALUES (@w, @s, @e)", entries),
                ("UPDATE identity_log SET entry = @e WHERE workspace = @w AND sequence = @s", redactions),
            })
            {
                foreach (var entry in batch)
                {
                    using var command = Command(connection, tx, sql);
                    command.Parameters.AddWithValue("w", workspace.Value);
                    command.Parameters.AddWithValue("s", entry.Sequence);
                    command.Parameters.AddWithValue("e", StoreJson.SerializeIdentityEvent(entry));
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
            }

            return true;
        },
        cancellationToken,
        // Another writer read the same last entry and committed first; under READ COMMITTED the key is the arbiter.
        ex => ex.SqlState == UniqueViolation && ex.ConstraintName == "identity_log_pkey"
            ? new IdentityLogConflictException(workspace, entries[0].Sequence - 1, entries[0].Sequence)
            : null).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<long> EraseConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => WriteAsync(async (connection, tx, ct) =>
        {
            // The row lock orders the erasure with every commit of the conversation.
            var current = await RequireConversationAsync(connection, tx, workspace, conversationId, forUpdate: true, ct).ConfigureAwait(false);
            using var messages = Command(connection, tx,
                $"UPDATE messages SET text = @erased, sender_name = CASE WHEN sender_kind = {(int)SenderKind.Visitor} THEN @erased ELSE sender_name END "
                + "WHERE workspace = @w AND conversation_id = @c");
            messages.Parameters.AddWithValue("erased", ConversationErasure.ErasedText);
            messages.Parameters.AddWithValue("w", workspace.Value);
            messages.Parameters.AddWithValue("c", conversationId.Value);
            long erased = await messages.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            using var write = Sql.UpdateConversation(connection, tx, ConversationErasure.Erase(current));
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return erased;
        }, cancellationToken);
}
