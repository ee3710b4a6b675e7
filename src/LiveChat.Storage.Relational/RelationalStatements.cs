using System.Data.Common;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Storage.Relational;

/// <summary>
/// The statements the relational stores share (feature X3), written once in one dialect when the adapter starts, and
/// the commands that run them with their parameters bound. The adapters run the commands in their own connections and
/// transactions (SQLite's group-commit writer, PostgreSQL's pooled transactions) and keep their locking apart.
/// </summary>
/// <remarks>
/// The SQL text is built in the constructor and never per call. Immutable and thread-safe; a command it returns belongs
/// to the caller, who disposes it. Every method creates the command on <c>connection</c> in <c>transaction</c> (null
/// outside a transaction).
/// </remarks>
internal sealed partial class RelationalStatements
{
    private const string FindConversationSql =
        $"SELECT {RelationalRows.ConversationColumns} FROM conversations WHERE workspace = @w AND id = @id";

    private readonly RelationalDialect _dialect;
    private readonly string _lockConversation;
    private readonly string _unassignedInbox;
    private readonly string _mineInbox;
    private readonly string _endedInbox;
    private readonly string _advanceReadCursor;

    /// <summary>Writes every statement in <paramref name="dialect"/>.</summary>
    public RelationalStatements(RelationalDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        _dialect = dialect;
        _lockConversation = FindConversationSql + dialect.RowLock;
        ReadConversation = r => RelationalRows.ReadConversation(r, dialect);
        ReadMessage = r => RelationalRows.ReadMessage(r, dialect);
        var inbox = $"SELECT {RelationalRows.ConversationColumns} FROM conversations WHERE workspace = @w AND ";
        _unassignedInbox = inbox + $"state IN ({(int)ConversationState.Unassigned}, {(int)ConversationState.Offline}) AND number > @n ORDER BY number LIMIT @limit";
        _mineInbox = inbox + $"state = {(int)ConversationState.Assigned} AND assigned_agent = @agent AND number > @n ORDER BY number LIMIT @limit";
        _endedInbox = inbox + $"state = {(int)ConversationState.Ended} AND (ended_at < @t OR (ended_at = @t AND number < @n)) "
            + "ORDER BY ended_at DESC, number DESC LIMIT @limit";
        _upsertAgent = $"INSERT INTO agents ({RelationalRows.AgentColumns}) VALUES (@w, @a, @name, @max, {(int)LiveChat.Core.Agents.AgentStatus.Offline}, @now, 0, @teams, NULL) "
            + "ON CONFLICT (workspace, id) DO UPDATE SET display_name = excluded.display_name, max_conversations = excluded.max_conversations, "
            + $"teams = excluded.teams RETURNING {RelationalRows.AgentColumns}";
        _listAgents = $"SELECT {RelationalRows.AgentColumns} FROM agents WHERE workspace = @w ORDER BY {dialect.InsertOrder("registration_order")}";
        _listTeams = $"SELECT {RelationalRows.TeamColumns} FROM teams WHERE workspace = @w ORDER BY {dialect.InsertOrder("definition_order")}";
        _releaseCapacity = $"UPDATE agents SET open_conversations = {dialect.Greatest}(0, open_conversations - 1) WHERE workspace = @w AND id = @a";
        _advanceReadCursor = "INSERT INTO read_cursors (workspace, conversation_id, reader, sequence) VALUES (@w, @id, @r, @s) "
            + $"ON CONFLICT (workspace, conversation_id, reader) DO UPDATE SET sequence = {dialect.Greatest}(read_cursors.sequence, excluded.sequence) RETURNING sequence";
    }

    /// <summary>The dialect the statements are written in.</summary>
    public RelationalDialect Dialect => _dialect;

    /// <summary>Reads a conversation row selected by these statements.</summary>
    public Func<DbDataReader, Conversation> ReadConversation { get; }

    /// <summary>Reads a message row selected with <see cref="RelationalRows.MessageColumns"/>.</summary>
    public Func<DbDataReader, ChatMessage> ReadMessage { get; }

    /// <summary>
    /// Takes the workspace's next conversation number (feature C2): increments its counter row, creating it at 1, and
    /// returns the number as a 64-bit scalar. The row stays locked until the transaction ends, so numbers have no gaps
    /// and no duplicates when the conversation is inserted in the same transaction.
    /// </summary>
    public static DbCommand NextNumber(DbConnection connection, DbTransaction transaction, WorkspaceId workspace)
    {
        var command = Command(connection, transaction,
            "INSERT INTO workspaces (workspace, last_number) VALUES (@w, 1) "
            + "ON CONFLICT (workspace) DO UPDATE SET last_number = workspaces.last_number + 1 RETURNING last_number");
        RelationalRows.Bind(command, "@w", workspace.Value);
        return command;
    }

    /// <summary>Selects the conversation's row; with <paramref name="forUpdate"/>, locks it as the dialect locks rows.</summary>
    public DbCommand FindConversation(
        DbConnection connection, DbTransaction? transaction, WorkspaceId workspace, ConversationId conversationId, bool forUpdate = false)
    {
        return ConversationCommand(connection, transaction, forUpdate ? _lockConversation : FindConversationSql, workspace, conversationId);
    }

    /// <summary>Inserts <paramref name="conversation"/>; its key must be new.</summary>
    public DbCommand InsertConversation(DbConnection connection, DbTransaction transaction, Conversation conversation)
    {
        var command = Command(connection, transaction,
            $"INSERT INTO conversations ({RelationalRows.ConversationColumns}) VALUES ({RelationalRows.ConversationParameters})");
        RelationalRows.BindConversation(command, conversation, _dialect);
        return command;
    }

    /// <summary>Overwrites every column of the stored conversation with <paramref name="conversation"/>'s.</summary>
    public DbCommand UpdateConversation(DbConnection connection, DbTransaction transaction, Conversation conversation)
    {
        var command = Command(connection, transaction,
            $"UPDATE conversations SET ({RelationalRows.ConversationColumns}) = ({RelationalRows.ConversationParameters}) WHERE workspace = @workspace AND id = @id");
        RelationalRows.BindConversation(command, conversation, _dialect);
        return command;
    }

    /// <summary>
    /// The SQL of one page of an inbox folder (feature C5), keyset-paged: Unassigned (with Offline) and Mine by number,
    /// Ended by end time then number, newest first. Call it before any I/O, so that a bad query changes nothing.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is not positive, or the folder is unknown.</exception>
    public string InboxSql(InboxQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.PageSize);
        return query.Folder switch
        {
            InboxFolder.Unassigned => _unassignedInbox,
            InboxFolder.Mine => _mineInbox,
            InboxFolder.Ended => _endedInbox,
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Folder, "Unknown inbox folder."),
        };
    }

    /// <summary>Selects the page of <paramref name="query"/> with the SQL <see cref="InboxSql"/> returned for it.</summary>
    public static DbCommand Inbox(DbConnection connection, DbTransaction? transaction, string inboxSql, InboxQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var command = Command(connection, transaction, inboxSql);
        RelationalRows.Bind(command, "@w", query.Workspace.Value);
        RelationalRows.Bind(command, "@agent", query.AgentId.Value ?? string.Empty);
        RelationalRows.Bind(command, "@n", query.After is { } a ? a.Number : (query.Folder == InboxFolder.Ended ? long.MaxValue : 0L));
        RelationalRows.Bind(command, "@t", query.After is { } b ? b.EndedAtUtcTicks : long.MaxValue);
        RelationalRows.Bind(command, "@limit", query.PageSize);
        return command;
    }

    /// <summary>A command on <paramref name="connection"/> in <paramref name="transaction"/> (none when null).</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
