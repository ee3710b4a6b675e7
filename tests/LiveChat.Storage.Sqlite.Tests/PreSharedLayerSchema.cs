namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>The SQLite schema as the adapter created it before the shared relational layer, copied unchanged.</summary>
public static class PreSharedLayerSchema
{
    /// <summary>Version 1, with the schema version table, copied as it was, so a migration test starts from the real thing.</summary>
    public static readonly string[] Version1 =
    [
        "CREATE TABLE livechat_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
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

    /// <summary>Versions 2 (routing) and 3 (identity log), copied as they were.</summary>
    public static readonly string[] Versions2And3 =
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
        """
        CREATE TABLE identity_log (
            workspace TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            entry TEXT NOT NULL,
            PRIMARY KEY (workspace, sequence))
        """,
    ];
}
