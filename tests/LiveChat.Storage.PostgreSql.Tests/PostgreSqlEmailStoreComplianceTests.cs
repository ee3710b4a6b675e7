using LiveChat.Core.Email;
using LiveChat.Core.Testing.Storage;
using LiveChat.Storage.Relational;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>The PostgreSQL outbox (what <c>UsePostgreSql</c> registers) runs the very e-mail store suite the in-memory and SQLite ones pass, each test in an empty schema of its own.</summary>
public sealed class PostgreSqlEmailStoreComplianceTests(SharedDatabase shared) : EmailStoreComplianceTests, IClassFixture<SharedDatabase>
{
    protected override async ValueTask<(IEmailStore Store, Func<ValueTask> Dispose)> CreateStoreAsync()
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

        return (stores.Emails, async () =>
        {
            await stores.DisposeAsync();
            await cleanup();
        });
    }
}
