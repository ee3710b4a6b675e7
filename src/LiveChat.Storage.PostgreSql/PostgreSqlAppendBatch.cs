using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Storage.Relational;
using Npgsql;
using NpgsqlTypes;

namespace LiveChat.Storage.PostgreSql;

/// <summary>
/// Applies and commits a batch of appends set-based, in one transaction and two round trips whatever the batch's size:
/// one to begin, lock the conversations and read the client ids already stored; one to insert every new message,
/// advance every conversation's last sequence and commit.
/// </summary>
/// <remarks>
/// <para>
/// The outcome of each append is decided in C#, in queue order, exactly as the one-transaction path decides it: the
/// conversation must exist; a stored message with the same client id is returned as a duplicate (same author and
/// ordinal text) or refused with <see cref="IdempotencyConflictException"/>, before the version is checked; a stale
/// version is a <see cref="ConcurrencyConflictException"/>; otherwise the message takes the next sequence. A message
/// appended earlier in the same batch counts as stored for the ones after it, so a retry queued beside its original
/// behaves as a retry after it. A refused append writes nothing and does not affect its batch-mates.
/// </para>
/// <para>
/// Conversation rows are locked in one statement, ordered by key: every batch, on any node, takes its locks in the
/// same order, so batches never deadlock with each other, nor with a commit, which locks a single conversation.
/// </para>
/// </remarks>
internal static class PostgreSqlAppendBatch
{
    private const int ConversationCursorColumns = 4;

    private const string LockConversations =
        "SELECT workspace, id, version, last_sequence FROM conversations "
        + "WHERE (workspace, id) IN (SELECT k.w, k.id FROM unnest(@w::text[], @id::uuid[]) AS k(w, id)) "
        + "ORDER BY workspace, id FOR UPDATE";

    private const string SelectByClientIds =
        $"SELECT {RelationalRows.MessageColumns}, m.workspace FROM messages m "
        + "JOIN unnest(@w::text[], @id::uuid[], @c::text[]) AS k(w, id, c) "
        + "ON m.workspace = k.w AND m.conversation_id = k.id AND m.client_message_id = k.c";

    private const string InsertMessages =
        $"INSERT INTO messages (workspace, {RelationalRows.MessageColumns}) "
        + "SELECT * FROM unnest(@w::text[], @id::uuid[], @seq::bigint[], @kind::integer[], @name::text[], @agent::text[], "
        + "@text::text[], @client::text[], @event::integer[], @sent::bigint[])";

    private const string AdvanceConversations =
        "UPDATE conversations c SET last_sequence = u.s FROM unnest(@w::text[], @id::uuid[], @s::bigint[]) AS u(w, id, s) "
        + "WHERE c.workspace = u.w AND c.id = u.id";

    /// <summary>
    /// Decides every append of <paramref name="batch"/>, writes the new messages and commits, on
    /// <paramref name="connection"/>, which has no transaction open. When this returns, the batch is committed and the
    /// caller may answer its appends; when it throws, the transaction may be left open (failed) and the caller rolls it
    /// back or drops the connection.
    /// </summary>
    /// <remarks>
    /// BEGIN and COMMIT travel in the batches of the statements around them rather than as round trips of their own: on
    /// a loaded machine each round trip costs a wake-up of the server process and of the writer, and a batch would
    /// otherwise need four. A <see cref="PostgresException"/> means the server answered with an error, so the
    /// transaction did not commit, whichever statement failed.
    /// </remarks>
    public static async Task ApplyAndCommitAsync(NpgsqlConnection connection, IReadOnlyList<PostgreSqlPendingAppend> batch, CancellationToken ct)
    {
        var conversations = new Dictionary<(string Workspace, Guid Id), ConversationCursor>();
        var stored = new Dictionary<(string Workspace, Guid Id, string ClientId), ChatMessage>();
        await ReadAsync(connection, batch, conversations, stored, ct).ConfigureAwait(false);

        var inserted = new List<(WorkspaceId Workspace, ChatMessage Message)>(batch.Count);
        foreach (var append in batch)
        {
            append.Reset();
            try
            {
                if (Decide(append, conversations, stored) is { } message)
                {
                    inserted.Add((append.Workspace, message));
                }
            }
            catch (LiveChatException refusal)
            {
                append.Refuse(refusal);
            }
        }

        await WriteAndCommitAsync(connection, inserted, conversations, ct).ConfigureAwait(false);
    }

    /// <summary>Decides one append; returns the message to insert, or null when nothing is written.</summary>
    private static ChatMessage? Decide(
        PostgreSqlPendingAppend append,
        Dictionary<(string Workspace, Guid Id), ConversationCursor> conversations,
        Dictionary<(string Workspace, Guid Id, string ClientId), ChatMessage> stored)
    {
        var draft = append.Draft;
        var conversation = conversations.GetValueOrDefault((append.Workspace.Value, append.ConversationId.Value))
            ?? throw new ConversationNotFoundException(append.Workspace, append.ConversationId);
        if (draft.ClientMessageId is { } clientId && stored.TryGetValue((append.Workspace.Value, append.ConversationId.Value, clientId), out var earlier))
        {
            if (!earlier.Sender.IsSameAuthorAs(draft.Sender) || !string.Equals(earlier.Text, draft.Text, StringComparison.Ordinal))
            {
                throw new IdempotencyConflictException(append.ConversationId, clientId);
            }

            append.Decide(new AppendResult(earlier, IsDuplicate: true));
            return null;
        }

        if (conversation.Version != append.ExpectedVersion)
        {
            throw new ConcurrencyConflictException(append.ConversationId, append.ExpectedVersion, conversation.Version);
        }

        conversation.LastSequence++;
        conversation.Advanced = true;
        var message = RelationalRows.StoredMessage(append.ConversationId, conversation.LastSequence, draft);
        if (draft.ClientMessageId is { } newClientId)
        {
            stored[(append.Workspace.Value, append.ConversationId.Value, newClientId)] = message;
        }

        append.Decide(new AppendResult(message, IsDuplicate: false));
        return message;
    }

    /// <summary>Locks the batch's conversations, then reads the messages stored under the batch's client ids.</summary>
    private static async Task ReadAsync(
        NpgsqlConnection connection,
        IReadOnlyList<PostgreSqlPendingAppend> batch,
        Dictionary<(string Workspace, Guid Id), ConversationCursor> conversations,
        Dictionary<(string Workspace, Guid Id, string ClientId), ChatMessage> stored,
        CancellationToken ct)
    {
        var keys = batch.Select(a => (a.Workspace.Value, a.ConversationId.Value)).Distinct().ToArray();
        var clientKeys = batch.Where(a => a.Draft.ClientMessageId is not null)
            .Select(a => (a.Workspace.Value, a.ConversationId.Value, a.Draft.ClientMessageId!)).Distinct().ToArray();

        // Both statements go in one round trip. At READ COMMITTED each statement takes its own snapshot once the one
        // before it finished, so the client ids are read after the row locks are held: a message committed by whoever
        // held a lock before us is seen, exactly as in the one-transaction path.
        var batchCommand = new NpgsqlBatch(connection);
        await using var batchScope = batchCommand.ConfigureAwait(false);
        batchCommand.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL READ COMMITTED"));
        var lockRows = new NpgsqlBatchCommand(LockConversations);
        lockRows.Parameters.Add(Array("w", NpgsqlDbType.Text, keys.Select(k => k.Item1).ToArray()));
        lockRows.Parameters.Add(Array("id", NpgsqlDbType.Uuid, keys.Select(k => k.Item2).ToArray()));
        batchCommand.BatchCommands.Add(lockRows);
        if (clientKeys.Length > 0)
        {
            var byClientId = new NpgsqlBatchCommand(SelectByClientIds);
            byClientId.Parameters.Add(Array("w", NpgsqlDbType.Text, clientKeys.Select(k => k.Item1).ToArray()));
            byClientId.Parameters.Add(Array("id", NpgsqlDbType.Uuid, clientKeys.Select(k => k.Item2).ToArray()));
            byClientId.Parameters.Add(Array("c", NpgsqlDbType.Text, clientKeys.Select(k => k.Item3).ToArray()));
            batchCommand.BatchCommands.Add(byClientId);
        }

        var reader = await batchCommand.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            // Results are told apart by their width: BEGIN has none (whether or not the reader stops at it), the locked
            // conversations four columns, the stored messages ten.
            do
            {
                while (reader.FieldCount > 0 && await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    if (reader.FieldCount == ConversationCursorColumns)
                    {
                        conversations[(reader.GetString(0), reader.GetGuid(1))] = new ConversationCursor(reader.GetInt64(2), reader.GetInt64(3));
                    }
                    else
                    {
                        var message = RelationalRows.ReadMessage(reader, PostgreSqlDialect.Instance);
                        stored[(reader.GetString(9), message.ConversationId.Value, message.ClientMessageId!)] = message;
                    }
                }
            }
            while (await reader.NextResultAsync(ct).ConfigureAwait(false));
        }
    }

    /// <summary>Inserts the new messages, advances the conversations they went to and commits, in one round trip.</summary>
    private static async Task WriteAndCommitAsync(
        NpgsqlConnection connection,
        List<(WorkspaceId Workspace, ChatMessage Message)> inserted,
        Dictionary<(string Workspace, Guid Id), ConversationCursor> conversations,
        CancellationToken ct)
    {
        var batchCommand = new NpgsqlBatch(connection);
        await using var batchScope = batchCommand.ConfigureAwait(false);
        if (inserted.Count > 0)
        {
            AddWrites(batchCommand, inserted, conversations);
        }

        // Statements of a batch run in order and the server skips the rest after an error: COMMIT runs only if every
        // write succeeded, and its answer (after the WAL flush, with synchronous_commit=on) is what makes the batch durable.
        batchCommand.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batchCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static void AddWrites(
        NpgsqlBatch batchCommand, List<(WorkspaceId Workspace, ChatMessage Message)> inserted, Dictionary<(string Workspace, Guid Id), ConversationCursor> conversations)
    {
        var insert = new NpgsqlBatchCommand(InsertMessages);
        var p = insert.Parameters;
        p.Add(Array("w", NpgsqlDbType.Text, inserted.Select(i => i.Workspace.Value).ToArray()));
        p.Add(Array("id", NpgsqlDbType.Uuid, inserted.Select(i => i.Message.ConversationId.Value).ToArray()));
        p.Add(Array("seq", NpgsqlDbType.Bigint, inserted.Select(i => i.Message.Sequence).ToArray()));
        p.Add(Array("kind", NpgsqlDbType.Integer, inserted.Select(i => (int)i.Message.Sender.Kind).ToArray()));
        p.Add(Array("name", NpgsqlDbType.Text, inserted.Select(i => i.Message.Sender.DisplayName).ToArray()));
        p.Add(Array("agent", NpgsqlDbType.Text, inserted.Select(i => i.Message.Sender.AgentId?.Value).ToArray()));
        p.Add(Array("text", NpgsqlDbType.Text, inserted.Select(i => i.Message.Text).ToArray()));
        p.Add(Array("client", NpgsqlDbType.Text, inserted.Select(i => i.Message.ClientMessageId).ToArray()));
        p.Add(Array("event", NpgsqlDbType.Integer, inserted.Select(i => (int)i.Message.SystemEvent).ToArray()));
        p.Add(Array("sent", NpgsqlDbType.Bigint, inserted.Select(i => i.Message.SentAt.UtcTicks).ToArray()));
        batchCommand.BatchCommands.Add(insert);

        var advanced = conversations.Where(c => c.Value.Advanced).ToArray();
        var advance = new NpgsqlBatchCommand(AdvanceConversations);
        advance.Parameters.Add(Array("w", NpgsqlDbType.Text, advanced.Select(c => c.Key.Workspace).ToArray()));
        advance.Parameters.Add(Array("id", NpgsqlDbType.Uuid, advanced.Select(c => c.Key.Id).ToArray()));
        advance.Parameters.Add(Array("s", NpgsqlDbType.Bigint, advanced.Select(c => c.Value.LastSequence).ToArray()));
        batchCommand.BatchCommands.Add(advance);
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType elementType, T[] values)
        => new(name, NpgsqlDbType.Array | elementType) { Value = values };

    /// <summary>A locked conversation's version, and its last sequence as the batch advances it.</summary>
    private sealed class ConversationCursor(long version, long lastSequence)
    {
        public long Version { get; } = version;

        public long LastSequence { get; set; } = lastSequence;

        public bool Advanced { get; set; }
    }
}
