using Npgsql;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>A fresh, empty database on the test server, dropped on dispose.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>A connection string to this database.</summary>
    public string ConnectionString { get; }

    public static async Task<TempDatabase> CreateAsync()
    {
        var maintenance = PostgresServer.MaintenanceConnectionString;
        var name = $"lc_test_{Guid.NewGuid():N}";
        await ExecuteAsync(maintenance, connection =>
            // From PostgreSQL 15 on, the default strategy writes the whole template to the WAL; copying its files is
            // several times faster for the small template a test cluster has.
            connection.PostgreSqlVersion.Major >= 15 ? $"CREATE DATABASE {name} STRATEGY = FILE_COPY" : $"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(maintenance) { Database = name };
        return new TempDatabase(name, builder.ConnectionString);
    }

    /// <summary>Runs one statement on this database, outside any store.</summary>
    public Task ExecuteAsync(string sql) => ExecuteAsync(ConnectionString, _ => sql);

    /// <summary>Reads one value from this database, outside any store.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // FORCE ends connections still open to it, such as pooled ones of a store that a failed test left undisposed.
        await ExecuteAsync(PostgresServer.MaintenanceConnectionString, _ => $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, Func<NpgsqlConnection, string> sql)
    {
        // No pooling: each test database is used for moments, and pooled idle connections would only pile up.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql(connection), connection);
        await command.ExecuteNonQueryAsync();
    }
}
