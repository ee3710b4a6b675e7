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
            using var command = RelationalStatements.IdentityEntries(connection, tx, workspace, afterSequence);
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
            using var last = RelationalStatements.LastIdentityEntry(connection, tx, workspace);
            IdentityLogRules.CheckAppend(workspace, (long)(await last.ExecuteScalarAsync(ct).ConfigureAwait(false))!, entries, redactions);
            foreach (var (redaction, batch) in new[] { (false, entries), (true, redactions) })
            {
                foreach (var entry in batch)
                {
                    using var command = RelationalStatements.WriteIdentityEntry(
                        connection, tx, workspace, entry.Sequence, StoreJson.SerializeIdentityEvent(entry), redaction);
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
            using var messages = Sql.EraseMessages(connection, tx, workspace, conversationId);
            long erased = await messages.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            using var write = Sql.UpdateConversation(connection, tx, ConversationErasure.Erase(current));
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return erased;
        }, cancellationToken);
}
