using System.Data.Common;
using LiveChat.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <summary>
/// The SQLite dialect of the durable workspace state (settings, published playbooks, playbook runs, due work), whose SQL
/// lives in LiveChat.Storage.Relational: connections with the store's pragmas, and an AUTOINCREMENT key.
/// </summary>
internal static class SqliteSettingsDialect
{
    public static StateStoreDialect Create(string connectionString)
    {
        var file = SqliteConnectionStrings.RequireFile(connectionString, "store", "InMemoryLiveChatStore");
        return new StateStoreDialect("SQLite", _ => ValueTask.FromResult<DbConnection>(Open(file)), "INTEGER PRIMARY KEY AUTOINCREMENT");
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
