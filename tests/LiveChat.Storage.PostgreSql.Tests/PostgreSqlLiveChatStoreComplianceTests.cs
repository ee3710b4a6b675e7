using LiveChat.Core.Testing.Storage;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL store runs the very suite the in-memory store passes, each test in an empty schema of its own (which
/// also covers a store living outside the <c>public</c> schema, through the connection string's search path).
/// </summary>
public sealed class PostgreSqlLiveChatStoreComplianceTests(SharedDatabase database) : StoreComplianceTests, IClassFixture<SharedDatabase>
{
    protected override async ValueTask<StoreUnderTest> CreateStoreAsync()
    {
        var (connectionString, cleanup) = await database.CreateSchemaAsync();
        try
        {
            var store = await PostgreSqlLiveChatStore.OpenAsync(connectionString);
            return StoreUnderTest.For(store, cleanup);
        }
        catch
        {
            await cleanup();
            throw;
        }
    }
}
