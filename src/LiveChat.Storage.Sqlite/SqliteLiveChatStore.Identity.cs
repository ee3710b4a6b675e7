using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;
using LiveChat.Storage.Relational;

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
            using var command = RelationalStatements.IdentityEntries(connection, null, workspace, afterSequence);
            return DbReads.All(command, r => StoreJson.DeserializeIdentityEvent(r.GetString(0)));
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
            using var last = RelationalStatements.LastIdentityEntry(connection, tx, workspace);
            IdentityLogRules.CheckAppend(workspace, (long)last.ExecuteScalar()!, entries, redactions);
            foreach (var (redaction, batch) in new[] { (false, rows), (true, rewrites) })
            {
                foreach (var (sequence, json) in batch)
                {
                    using var command = RelationalStatements.WriteIdentityEntry(connection, tx, workspace, sequence, json!, redaction);
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
            using var messages = Sql.EraseMessages(connection, tx, workspace, conversationId);
            long erased = messages.ExecuteNonQuery();
            using var write = Sql.UpdateConversation(connection, tx, ConversationErasure.Erase(current));
            write.ExecuteNonQuery();
            return erased;
        }, cancellationToken);
}
