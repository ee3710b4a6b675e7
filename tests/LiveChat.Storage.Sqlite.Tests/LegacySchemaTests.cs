using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>
/// The shared relational layer changed no table an existing database has (feature X3): a database made by the schema
/// SQL the adapter ran before the layer existed has the same tables, columns, types, defaults, keys and indexes as a new
/// one, and opens and works without a migration.
/// </summary>
public sealed class LegacySchemaTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task Open_ADatabaseMadeByThePreSharedLayerSchema_HasTheSameCatalogAsANewOne_AndWorks()
    {
        using var legacy = new TempDatabase();
        Execute(legacy, "CREATE TABLE livechat_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
        foreach (var statement in PreSharedLayerSchema)
        {
            Execute(legacy, statement);
        }

        Execute(legacy, "INSERT INTO livechat_schema (id, version) VALUES (1, 3)");
        using var fresh = new TempDatabase();
        SqliteLiveChatStore.Open(fresh.ConnectionString).Dispose();

        var catalog = Catalog(fresh);
        catalog.Should().Contain("conversations.routing TEXT notnull=0 default=- pk=0").And.Equal(Catalog(legacy));

        using var store = SqliteLiveChatStore.Open(legacy.ConnectionString);
        Scalar(legacy, "SELECT version FROM livechat_schema").Should().Be(3L, "nothing to migrate");
        var now = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var ann = await store.UpsertAgentAsync(Acme, new AgentRegistration(new AgentId("ann"), "Ann", 2), now);
        await store.SetAgentStatusAsync(Acme, ann.Id, AgentStatus.Online, now);
        var created = await store.CreateConversationAsync(new Conversation
        {
            Workspace = Acme,
            Id = new ConversationId(Guid.CreateVersion7()),
            Channel = "webchat",
            VisitorName = "Visitor",
            VisitorTokenHash = new string('0', 64),
            CounterpartName = "Bot",
            StartedAt = now,
        });
        var assigned = (await store.CommitAsync(new ConversationCommit(
            created with { State = ConversationState.Assigned, AssignedAgentId = ann.Id, CounterpartName = "Ann" }, created.Version, []))).Conversation;

        (await store.QueryInboxAsync(new InboxQuery(Acme, InboxFolder.Mine, ann.Id, 10, null))).Should().ContainSingle().Which.Should().BeEquivalentTo(assigned);
        (await store.FindAgentAsync(Acme, ann.Id))!.OpenConversations.Should().Be(1);
    }

    /// <summary>Every table's columns (name, declared type, not-null, default, key position) and every index, in order.</summary>
    private static List<string> Catalog(TempDatabase database)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT m.name || '.' || p.name || ' ' || p.type || ' notnull=' || p.\"notnull\" || ' default=' || IFNULL(p.dflt_value, '-') || ' pk=' || p.pk "
            + "FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' "
            + "UNION ALL SELECT 'index ' || name || ' on ' || tbl_name || ' unique=' || (IFNULL(sql, '') LIKE 'CREATE UNIQUE%') FROM sqlite_master WHERE type = 'index' "
            + "ORDER BY 1";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static void Execute(TempDatabase database, string sql)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(TempDatabase database, string sql)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Versions 1 to 3 of the schema as the adapter wrote them before the shared layer, copied unchanged.</summary>
    private static readonly string[] PreSharedLayerSchema =
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
