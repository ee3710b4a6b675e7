using LiveChat.Core.Testing.Storage;
using LiveChat.Storage.Relational;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>The PostgreSQL durable state runs the very suite the in-memory defaults pass, each test in an empty schema of its own.</summary>
public sealed class PostgreSqlDurableStateComplianceTests(SharedDatabase shared) : DurableStateComplianceTests, IClassFixture<SharedDatabase>
{
    protected override async ValueTask<DurableStateUnderTest> CreateStoresAsync()
    {
        var (connectionString, cleanup) = await shared.CreateSchemaAsync();
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

        return new DurableStateUnderTest(stores.Settings, stores.Playbooks, stores.Runs, stores.DueWork, async () =>
        {
            await stores.DisposeAsync();
            await cleanup();
        });
    }
}
