using LiveChat.Core;
using LiveChat.Core.Testing.Storage;
using Npgsql;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>
/// The shared relational layer changed no table an existing database has (feature X3): a database made by the schema
/// SQL the adapter ran before the layer existed has the same tables, columns, types, defaults, identity columns, indexes
/// and storage settings as a new one, and opens and works without a migration.
/// </summary>
public sealed class LegacySchemaTests
{
    [Fact]
    public async Task OpenAsync_ADatabaseMadeByThePreSharedLayerSchema_HasTheSameCatalogAsANewOne_AndWorks()
    {
        await using var legacy = await TempDatabase.CreateAsync();
        await legacy.ExecuteAsync("CREATE TABLE livechat_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)");
        foreach (var statement in PreSharedLayerSchema)
        {
            await legacy.ExecuteAsync(statement);
        }

        await legacy.ExecuteAsync("INSERT INTO livechat_schema (id, version) VALUES (1, 4)");
        await using var fresh = await TempDatabase.CreateAsync();
        await (await PostgreSqlLiveChatStore.OpenAsync(fresh.ConnectionString)).DisposeAsync();

        var catalog = await CatalogAsync(fresh);
        catalog.Should().Contain("table conversations fillfactor=70").And.Equal(await CatalogAsync(legacy));

        await using var store = await PostgreSqlLiveChatStore.OpenAsync(legacy.ConnectionString);
        (await legacy.ScalarAsync("SELECT version FROM livechat_schema")).Should().Be(4, "nothing to migrate");
        await StoreSmoke.AssignAndReadBackAsync(store, new WorkspaceId("acme"));
    }

    /// <summary>Every column (type, nullability, default, identity), every index's definition and every table's storage options, in order.</summary>
    private static async Task<List<string>> CatalogAsync(TempDatabase database)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name || '.' || column_name || ' #' || ordinal_position || ' ' || data_type || ' nullable=' || is_nullable "
            + "|| ' default=' || COALESCE(column_default, '-') || ' identity=' || is_identity || ' ' || COALESCE(identity_generation, '-') "
            + "FROM information_schema.columns WHERE table_schema = current_schema() "
            + "UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            + "UNION ALL SELECT 'table ' || c.relname || ' ' || COALESCE(array_to_string(c.reloptions, ','), '-') FROM pg_class c "
            + "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
            + "ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>Versions 1 to 4 of the schema as the adapter wrote them before the shared layer, copied unchanged.</summary>
    private static readonly string[] PreSharedLayerSchema =
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
        "ALTER TABLE conversations SET (fillfactor = 70)",
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
        """
        CREATE TABLE identity_log (
            workspace text NOT NULL,
            sequence bigint NOT NULL,
            entry text NOT NULL,
            PRIMARY KEY (workspace, sequence))
        """,
    ];
}
