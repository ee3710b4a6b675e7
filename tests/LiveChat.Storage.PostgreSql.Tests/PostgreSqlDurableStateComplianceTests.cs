using LiveChat.Core.Testing.Storage;
using LiveChat.Storage.Relational;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>The PostgreSQL durable state runs the very suite the in-memory defaults pass, each test in an empty schema of its own.</summary>
public sealed class PostgreSqlDurableStateComplianceTests(SharedDatabase shared) : DurableStateComplianceTests, IClassFixture<SharedDatabase>
{
    protected override async ValueTask<DurableStateUnderTest> CreateStoresAsync()
    {
        var (connectionString, cleanup) = await shared.CreateSchemaAsync();
        var database = new RelationalDatabase(PostgreSqlSettingsDialect.Create(connectionString));
        try
        {
            await RelationalStateSchema.ApplyAsync(database, CancellationToken.None);
        }
        catch
        {
            await database.DisposeAsync();
            await cleanup();
            throw;
        }

        return new DurableStateUnderTest(
            new RelationalWorkspaceSettingsStore(database),
            new RelationalPlaybookStore(database),
            new RelationalPlaybookRunStore(database),
            new RelationalDueWorkStore(database),
            async () =>
            {
                await database.DisposeAsync();
                await cleanup();
            });
    }
}
