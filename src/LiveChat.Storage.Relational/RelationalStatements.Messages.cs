using System.Data;
using System.Data.Common;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Storage.Relational;

/// <content>
/// Messages and read cursors (features C3, C8), the identity log (features I1–I6) and erasure (X9). A conversation's
/// messages are numbered by <c>sequence</c> from 1; a cursor is the last sequence a reader has seen.
/// </content>
internal sealed partial class RelationalStatements
{
    private const string ByClientIdSql =
        $"SELECT {RelationalRows.MessageColumns} FROM messages WHERE workspace = @w AND conversation_id = @id AND client_message_id = @c";

    private const string MessagesSql =
        $"SELECT {RelationalRows.MessageColumns} FROM messages WHERE workspace = @w AND conversation_id = @id AND sequence > @after ORDER BY sequence LIMIT @limit";

    private const string InsertMessageSql =
        $"INSERT INTO messages (workspace, {RelationalRows.MessageColumns}) VALUES (@w, @id, @seq, @kind, @name, @agent, @text, @client, @event, @sent)";

    private const string CursorSql = "SELECT sequence FROM read_cursors WHERE workspace = @w AND conversation_id = @id AND reader = @r";

    private const string CountUnreadSql =
        "SELECT COUNT(*) FROM messages WHERE workspace = @w AND conversation_id = @id AND sequence > @cursor "
        + "AND NOT (sender_kind = @kind AND COALESCE(sender_agent, '') = @agent)";

    private static readonly string EraseMessagesSql =
        $"UPDATE messages SET text = @erased, sender_name = CASE WHEN sender_kind = {(int)SenderKind.Visitor} THEN @erased ELSE sender_name END "
        + "WHERE workspace = @w AND conversation_id = @id";

    /// <summary>Selects the conversation's message sent with <paramref name="clientMessageId"/>, if any.</summary>
    public DbCommand FindByClientId(
        DbConnection connection, DbTransaction? transaction, WorkspaceId workspace, ConversationId conversationId, string clientMessageId)
    {
        var command = ConversationCommand(connection, transaction, ByClientIdSql, workspace, conversationId);
        RelationalRows.Bind(command, "@c", clientMessageId);
        return command;
    }

    /// <summary>Sets the conversation's last message sequence, after a message was inserted under it.</summary>
    public DbCommand AdvanceLastSequence(
        DbConnection connection, DbTransaction transaction, WorkspaceId workspace, ConversationId conversationId, long sequence)
    {
        var command = ConversationCommand(connection, transaction,
            "UPDATE conversations SET last_sequence = @s WHERE workspace = @w AND id = @id", workspace, conversationId);
        RelationalRows.Bind(command, "@s", sequence);
        return command;
    }

    /// <summary>Selects up to <paramref name="limit"/> messages after <paramref name="afterSequence"/>, in order.</summary>
    public DbCommand Messages(
        DbConnection connection, DbTransaction? transaction, WorkspaceId workspace, ConversationId conversationId, long afterSequence, int limit)
    {
        var command = ConversationCommand(connection, transaction, MessagesSql, workspace, conversationId);
        RelationalRows.Bind(command, "@after", afterSequence);
        RelationalRows.Bind(command, "@limit", limit);
        return command;
    }

    /// <summary>Inserts <paramref name="draft"/> as message <paramref name="sequence"/> of the conversation.</summary>
    public DbCommand InsertMessage(
        DbConnection connection, DbTransaction transaction, WorkspaceId workspace, ConversationId conversationId, long sequence, MessageDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var command = ConversationCommand(connection, transaction, InsertMessageSql, workspace, conversationId);
        RelationalRows.Bind(command, "@seq", sequence);
        RelationalRows.Bind(command, "@kind", (int)draft.Sender.Kind);
        RelationalRows.Bind(command, "@name", draft.Sender.DisplayName);
        RelationalRows.Bind(command, "@agent", draft.Sender.AgentId?.Value, DbType.String);
        RelationalRows.Bind(command, "@text", draft.Text);
        RelationalRows.Bind(command, "@client", draft.ClientMessageId, DbType.String);
        RelationalRows.Bind(command, "@event", (int)draft.SystemEvent);
        RelationalRows.Bind(command, "@sent", draft.SentAt.UtcTicks);
        return command;
    }

    /// <summary>Selects the reader's cursor (no row: the reader has seen nothing).</summary>
    public DbCommand ReadCursor(DbConnection connection, DbTransaction? transaction, WorkspaceId workspace, ConversationId conversationId, ReaderId reader)
    {
        var command = ConversationCommand(connection, transaction, CursorSql, workspace, conversationId);
        RelationalRows.Bind(command, "@r", reader.ToString());
        return command;
    }

    /// <summary>
    /// Moves the reader's cursor to <paramref name="sequence"/>, never back, even when two calls race; returns the cursor
    /// as a 64-bit scalar.
    /// </summary>
    public DbCommand AdvanceReadCursor(
        DbConnection connection, DbTransaction transaction, WorkspaceId workspace, ConversationId conversationId, ReaderId reader, long sequence)
    {
        var command = ConversationCommand(connection, transaction, _advanceReadCursor, workspace, conversationId);
        RelationalRows.Bind(command, "@r", reader.ToString());
        RelationalRows.Bind(command, "@s", sequence);
        return command;
    }

    /// <summary>
    /// Counts the messages after <paramref name="cursor"/> that <paramref name="reader"/> did not send, as a 64-bit scalar.
    /// </summary>
    public DbCommand CountUnread(
        DbConnection connection, DbTransaction? transaction, WorkspaceId workspace, ConversationId conversationId, ReaderId reader, long cursor)
    {
        var command = ConversationCommand(connection, transaction, CountUnreadSql, workspace, conversationId);
        RelationalRows.Bind(command, "@cursor", cursor);
        RelationalRows.Bind(command, "@kind", (int)reader.Kind);
        RelationalRows.Bind(command, "@agent", reader.AgentId?.Value ?? string.Empty);
        return command;
    }

    /// <summary>
    /// Counts, for each of <paramref name="conversationIds"/> that is a conversation of the workspace, the messages after
    /// <paramref name="reader"/>'s cursor that the reader did not send: one row (conversation key, 64-bit count) per
    /// conversation found, none for an unknown id. One statement, whatever the number of ids (bound one by one).
    /// </summary>
    public DbCommand CountUnreadMany(
        DbConnection connection, DbTransaction? transaction, WorkspaceId workspace, IReadOnlyList<ConversationId> conversationIds, ReaderId reader)
    {
        ArgumentOutOfRangeException.ThrowIfZero(conversationIds.Count);
        var keys = string.Join(", ", Enumerable.Range(0, conversationIds.Count).Select(i => $"@id{i}"));
        var command = WorkspaceCommand(connection, transaction,
            "SELECT c.id, (SELECT COUNT(*) FROM messages m WHERE m.workspace = c.workspace AND m.conversation_id = c.id "
            + "AND m.sequence > COALESCE((SELECT r.sequence FROM read_cursors r WHERE r.workspace = c.workspace AND r.conversation_id = c.id AND r.reader = @r), 0) "
            + $"AND NOT (m.sender_kind = @kind AND COALESCE(m.sender_agent, '') = @agent)) FROM conversations c WHERE c.workspace = @w AND c.id IN ({keys})",
            workspace);
        for (var i = 0; i < conversationIds.Count; i++)
        {
            RelationalRows.Bind(command, $"@id{i}", _dialect.ConversationKey(conversationIds[i]));
        }

        RelationalRows.Bind(command, "@r", reader.ToString());
        RelationalRows.Bind(command, "@kind", (int)reader.Kind);
        RelationalRows.Bind(command, "@agent", reader.AgentId?.Value ?? string.Empty);
        return command;
    }

    /// <summary>Reads one row of <see cref="CountUnreadMany"/>.</summary>
    public (ConversationId Id, int Count) ReadUnreadCount(DbDataReader row) => (_dialect.ReadConversationKey(row, 0), checked((int)row.GetInt64(1)));

    /// <summary>
    /// Replaces the text of every message of the conversation, and the visitor's name on theirs, with
    /// <see cref="ConversationErasure.ErasedText"/> (feature X9); the count is the number of messages.
    /// </summary>
    public DbCommand EraseMessages(DbConnection connection, DbTransaction transaction, WorkspaceId workspace, ConversationId conversationId)
    {
        var command = ConversationCommand(connection, transaction, EraseMessagesSql, workspace, conversationId);
        RelationalRows.Bind(command, "@erased", ConversationErasure.ErasedText);
        return command;
    }

    /// <summary>Selects the workspace's identity log entries after <paramref name="afterSequence"/>, in order, as text.</summary>
    public static DbCommand IdentityEntries(DbConnection connection, DbTransaction? transaction, WorkspaceId workspace, long afterSequence)
    {
        var command = WorkspaceCommand(connection, transaction,
            "SELECT entry FROM identity_log WHERE workspace = @w AND sequence > @after ORDER BY sequence", workspace);
        RelationalRows.Bind(command, "@after", afterSequence);
        return command;
    }

    /// <summary>Selects the number of the workspace's last identity log entry (0 when empty) as a 64-bit scalar.</summary>
    public static DbCommand LastIdentityEntry(DbConnection connection, DbTransaction transaction, WorkspaceId workspace)
        => WorkspaceCommand(connection, transaction, "SELECT COALESCE(MAX(sequence), 0) FROM identity_log WHERE workspace = @w", workspace);

    /// <summary>
    /// Writes identity log entry <paramref name="sequence"/> as <paramref name="entry"/>: a new row, or, for a redaction,
    /// over the existing one. The primary key refuses a second new entry with the same number.
    /// </summary>
    public static DbCommand WriteIdentityEntry(
        DbConnection connection, DbTransaction transaction, WorkspaceId workspace, long sequence, string entry, bool redaction)
    {
        var command = WorkspaceCommand(connection, transaction, redaction
            ? "UPDATE identity_log SET entry = @e WHERE workspace = @w AND sequence = @s"
            : "INSERT INTO identity_log (workspace, sequence, entry) VALUES (@w, @s, @e)", workspace);
        RelationalRows.Bind(command, "@s", sequence);
        RelationalRows.Bind(command, "@e", entry);
        return command;
    }

    private DbCommand ConversationCommand(
        DbConnection connection, DbTransaction? transaction, string sql, WorkspaceId workspace, ConversationId conversationId)
    {
        var command = WorkspaceCommand(connection, transaction, sql, workspace);
        RelationalRows.Bind(command, "@id", _dialect.ConversationKey(conversationId));
        return command;
    }
}
