using LiveChat.Core;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <summary>Creates and migrates the store's tables, recording the schema version in <c>livechat_schema</c>.</summary>
internal static class SqliteSchema
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int CurrentVersion = 3;

    private static readonly string[] Version1 =
    [
        """
        CREATE TABLE workspaces (
            workspace TEXT NOT NULL PRIMARY KEY,
            last_number INTEGER NOT NULL)
        """,
        """
        CREATE TABLE conversations (
            workspace TEXT NOT NULL,
            id TEXT NOT NULL,
            number INTEGER NOT NULL,
            state INTEGER NOT NULL,
            version INTEGER NOT NULL,
            channel TEXT NOT NULL,
            visitor_name TEXT NOT NULL,
            visitor_token_hash TEXT NOT NULL,
            counterpart_name TEXT NOT NULL,
            assigned_agent TEXT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER NULL,
            last_sequence INTEGER NOT NULL,
            participants TEXT NOT NULL,
            details TEXT NOT NULL,
            created_results TEXT NOT NULL,
            PRIMARY KEY (workspace, id),
            UNIQUE (workspace, number))
        """,
        "CREATE INDEX ix_conversations_folder ON conversations (workspace, state, assigned_agent, number)",
        "CREATE INDEX ix_conversations_ended ON conversations (workspace, state, ended_at, number)",
        """
        CREATE TABLE messages (
            workspace TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            sender_kind INTEGER NOT NULL,
            sender_name TEXT NOT NULL,
            sender_agent TEXT NULL,
            text TEXT NOT NULL,
            client_message_id TEXT NULL,
            system_event INTEGER NOT NULL,
            sent_at INTEGER NOT NULL,
            PRIMARY KEY (workspace, conversation_id, sequence))
        """,
        "CREATE UNIQUE INDEX ux_messages_client_id ON messages (workspace, conversation_id, client_message_id) WHERE client_message_id IS NOT NULL",
        """
        CREATE TABLE read_cursors (
            workspace TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            reader TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            PRIMARY KEY (workspace, conversation_id, reader))
        """,
        """
        CREATE TABLE agents (
            workspace TEXT NOT NULL,
            id TEXT NOT NULL,
            display_name TEXT NOT NULL,
            max_conversations INTEGER NOT NULL,
            status INTEGER NOT NULL,
            status_changed_at INTEGER NOT NULL,
            open_conversations INTEGER NOT NULL,
            PRIMARY KEY (workspace, id))
        """,
    ];

    /// <summary>
    /// Version 2 adds routing (features R1, R4–R7): an agent's teams (a JSON array of team keys) and last heartbeat, a
    /// conversation's routing ticket (JSON, null before the visitor first asks for an agent), and the teams of a
    /// workspace, listed by row id, which an upsert keeps, so in the order they were first defined. Adding columns
    /// rewrites no row; existing agents get no teams and no heartbeat, existing conversations no ticket.
    /// </summary>
    private static readonly string[] Version2 =
    [
        "ALTER TABLE agents ADD COLUMN teams TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE agents ADD COLUMN last_seen_at INTEGER NULL",
        "ALTER TABLE conversations ADD COLUMN routing TEXT NULL",
        """
        CREATE TABLE teams (
            workspace TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            fallback_team TEXT NULL,
            PRIMARY KEY (workspace, id))
        """,
    ];

    /// <summary>
    /// Version 3 adds the identity log (features I1–I6, X9): one row per entry, numbered per workspace, the entry as
    /// <see cref="LiveChat.Core.Storage.StoreJson.SerializeIdentityEvent"/> writes it. The primary key is what refuses a
    /// second writer's entry with the same number.
    /// </summary>
    private static readonly string[] Version3 =
    [
        """
        CREATE TABLE identity_log (
            workspace TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            entry TEXT NOT NULL,
            PRIMARY KEY (workspace, sequence))
        """,
    ];

    /// <summary>Brings the database to <see cref="CurrentVersion"/>, in one transaction.</summary>
    /// <exception cref="StoreSchemaException">The database was written by a newer version of the code.</exception>
    public static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS livechat_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT version FROM livechat_schema WHERE id = 1";
        var found = read.ExecuteScalar() is long v ? (int)v : 0;
        if (found > CurrentVersion)
        {
            throw new StoreSchemaException(found, CurrentVersion);
        }

        foreach (var (version, statements) in new[] { (1, Version1), (2, Version2), (3, Version3) })
        {
            if (found < version)
            {
                foreach (var statement in statements)
                {
                    Execute(connection, transaction, statement);
                }
            }
        }

        if (found < CurrentVersion)
        {
            Execute(connection, transaction,
                $"INSERT INTO livechat_schema (id, version) VALUES (1, {CurrentVersion}) ON CONFLICT (id) DO UPDATE SET version = excluded.version");
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
