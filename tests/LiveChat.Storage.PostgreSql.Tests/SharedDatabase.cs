using LiveChat.Storage.Relational;
using Npgsql;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>
/// One database for a whole test class, in which every test gets a fresh schema of its own: creating a schema takes
/// milliseconds, creating a database a few hundred (PostgreSQL copies a template and checkpoints).
/// </summary>
public sealed class SharedDatabase : IAsyncLifetime
{
    private TempDatabase? _database;

    private TempDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public async Task InitializeAsync() => _database = await TempDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>
    /// Creates an empty schema and returns a connection string whose search path names it, so the store's tables go
    /// there, and a cleanup that drops it.
    /// </summary>
    public async Task<(string ConnectionString, Func<ValueTask> Cleanup)> CreateSchemaAsync()
    {
        var schema = $"lc_test_{Guid.NewGuid():N}";
        await Database.ExecuteAsync($"CREATE SCHEMA {schema}");
        var connectionString = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { SearchPath = schema }.ConnectionString;
        return (connectionString, async () => await Database.ExecuteAsync($"DROP SCHEMA {schema} CASCADE"));
    }

    /// <summary>Opens the durable-state stores (e-mail outbox included) in an empty schema, and how to close them and drop it.</summary>
    internal async Task<(RelationalStateStores Stores, Func<ValueTask> Dispose)> OpenStateStoresAsync()
    {
        var (connectionString, cleanup) = await CreateSchemaAsync();
        RelationalStateStores stores;
        try
        {
            stores = await RelationalStateStores.OpenAsync(PostgreSqlSettingsDialect.Create(connectionString), CancellationToken.None);
        }
        catch
        {
            await cleanup();
            throw;
        }

        return (stores, async () =>
        {
            await stores.DisposeAsync();
            await cleanup();
        });
    }
}
