using LiveChat.Core;
using Npgsql;

namespace LiveChat.Storage.PostgreSql;

/// <summary>
/// Creates and migrates the store's tables, recording the schema version in <c>livechat_schema</c>. Tables go to the
/// first schema of the connection's search path (<c>public</c> unless the connection string sets <c>Search Path</c>).
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int CurrentVersion = 4;

    /// <summary>
    /// Serializes migrations of one database: two processes starting together would otherwise both try to create the
    /// tables. Any constant works; this one spells "livechat" in ASCII.
    /// </summary>
    private const long MigrationLock = 0x6C69766563686174;

    private static readonly string[] Version1 =
    [
        """
        CREATE TABLE workspaces (
            workspace text NOT NULL PRIMARY KEY,
            last_number bigint NOT NULL)
        """,
        """
        CREATE TABLE conversations (
            workspace text NOT NULL,
            id uuid NOT NULL,
            number bigint NOT NULL,
            state integer NOT NULL,
            version bigint NOT NULL,
            channel text NOT NULL,
            visitor_name text NOT NULL,
            visitor_token_hash text NOT NULL,
            counterpart_name text NOT NULL,
            assigned_agent text NULL,
            started_at bigint NOT NULL,
            ended_at bigint NULL,
            last_sequence bigint NOT NULL,
            participants jsonb NOT NULL,
            details jsonb NOT NULL,
            created_results jsonb NOT NULL,
            PRIMARY KEY (workspace, id),
            UNIQUE (workspace, number))
        """,
        "CREATE INDEX ix_conversations_folder ON conversations (workspace, state, assigned_agent, number)",
        "CREATE INDEX ix_conversations_ended ON conversations (workspace, state, ended_at, number)",
        """
        CREATE TABLE messages (
            workspace text NOT NULL,
            conversation_id uuid NOT NULL,
            sequence bigint NOT NULL,
            sender_kind integer NOT NULL,
            sender_name text NOT NULL,
            sender_agent text NULL,
            text text NOT NULL,
            client_message_id text NULL,
            system_event integer NOT NULL,
            sent_at bigint NOT NULL,
            PRIMARY KEY (workspace, conversation_id, sequence))
        """,
        "CREATE UNIQUE INDEX ux_messages_client_id ON messages (workspace, conversation_id, client_message_id) WHERE client_message_id IS NOT NULL",
        """
        CREATE TABLE read_cursors (
            workspace text NOT NULL,
            conversation_id uuid NOT NULL,
            reader text NOT NULL,
            sequence bigint NOT NULL,
            PRIMARY KEY (workspace, conversation_id, reader))
        """,
        // registration_order is an identity column: an upsert that updates a registered agent keeps it, so listing
        // by it gives the order agents were first registered in, whichever process registered them.
        """
        CREATE TABLE agents (
            workspace text NOT NULL,
            id text NOT NULL,
            registration_order bigint GENERATED ALWAYS AS IDENTITY,
            display_name text NOT NULL,
            max_conversations integer NOT NULL,
            status integer NOT NULL,
            status_changed_at bigint NOT NULL,
            open_conversations integer NOT NULL,
            PRIMARY KEY (workspace, id))
        """,
    ];

    /// <summary>
    /// Version 2 leaves room in the conversation table's pages: a group commit advances the last sequence of hundreds of
    /// conversations at once, and on full pages each of those updates moved the row and added entries to all four of
    /// the table's indexes. With room on the page it is a HOT update, which touches no index (about four times cheaper
    /// measured on a 512-row batch). Changing the setting rewrites nothing; pages written from then on keep the room.
    /// </summary>
    private static readonly string[] Version2 =
    [
        "ALTER TABLE conversations SET (fillfactor = 70)",
    ];

    /// <summary>
    /// Version 3 adds routing (features R1, R4–R7): an agent's teams (a jsonb array of team keys) and last heartbeat, a
    /// conversation's routing ticket (jsonb, null before the visitor first asks for an agent), and the teams of a
    /// workspace, listed by the identity column <c>definition_order</c>, which an upsert keeps. Adding a nullable column,
    /// or one with a constant default, rewrites no row.
    /// </summary>
    private static readonly string[] Version3 =
    [
        "ALTER TABLE agents ADD COLUMN teams jsonb NOT NULL DEFAULT '[]', ADD COLUMN last_seen_at bigint NULL",
        "ALTER TABLE conversations ADD COLUMN routing jsonb NULL",
        """
        CREATE TABLE teams (
            workspace text NOT NULL,
            id text NOT NULL,
            definition_order bigint GENERATED ALWAYS AS IDENTITY,
            name text NOT NULL,
            fallback_team text NULL,
            PRIMARY KEY (workspace, id))
        """,
    ];

    /// <summary>
    /// Version 4 adds the identity log (features I1–I6, X9): one row per entry, numbered per workspace. The entry is kept
    /// as text, exactly as <see cref="LiveChat.Core.Storage.StoreJson.SerializeIdentityEvent"/> wrote it (jsonb would
    /// reorder the type property the reader expects first). The primary key is what refuses a second writer's entry with
    /// the same number.
    /// </summary>
    private static readonly string[] Version4 =
    [
        """
        CREATE TABLE identity_log (
            workspace text NOT NULL,
            sequence bigint NOT NULL,
            entry text NOT NULL,
            PRIMARY KEY (workspace, sequence))
        """,
    ];

    /// <summary>Brings the database to <see cref="CurrentVersion"/>, in one transaction.</summary>
    /// <exception cref="StoreSchemaException">The database was written by a newer version of the code.</exception>
    public static async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS livechat_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)", cancellationToken).ConfigureAwait(false);
        using var read = new NpgsqlCommand("SELECT version FROM livechat_schema WHERE id = 1", connection, transaction);
        var found = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int v ? v : 0;
        if (found > CurrentVersion)
        {
            throw new StoreSchemaException(found, CurrentVersion);
        }

        foreach (var (version, statements) in new[] { (1, Version1), (2, Version2), (3, Version3), (4, Version4) })
        {
            if (found < version)
            {
                foreach (var statement in statements)
                {
                    await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (found < CurrentVersion)
        {
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO livechat_schema (id, version) VALUES (1, {CurrentVersion}) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
                cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
