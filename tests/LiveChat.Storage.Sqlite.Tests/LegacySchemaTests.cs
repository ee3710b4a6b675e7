using LiveChat.Core;
using LiveChat.Core.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>
/// The shared relational layer changed no table an existing database has (feature X3): a database made by the schema
/// SQL the adapter ran before the layer existed has the same tables, columns, types, defaults, keys and indexes as a new
/// one, and opens and works without a migration.
/// </summary>
public sealed class LegacySchemaTests
{
    [Fact]
    public async Task Open_ADatabaseMadeByThePreSharedLayerSchema_HasTheSameCatalogAsANewOne_AndWorks()
    {
        using var legacy = new TempDatabase();
        foreach (var statement in PreSharedLayerSchema.Version1.Concat(PreSharedLayerSchema.Versions2And3))
        {
            legacy.Execute(statement);
        }

        legacy.Execute("INSERT INTO livechat_schema (id, version) VALUES (1, 3)");
        using var fresh = new TempDatabase();
        SqliteLiveChatStore.Open(fresh.ConnectionString).Dispose();

        var catalog = Catalog(fresh);
        catalog.Should().Contain("conversations.routing TEXT notnull=0 default=- pk=0").And.Equal(Catalog(legacy));

        using var store = SqliteLiveChatStore.Open(legacy.ConnectionString);
        legacy.Scalar("SELECT version FROM livechat_schema").Should().Be(3L, "nothing to migrate");
        await StoreSmoke.AssignAndReadBackAsync(store, new WorkspaceId("acme"));
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
}
