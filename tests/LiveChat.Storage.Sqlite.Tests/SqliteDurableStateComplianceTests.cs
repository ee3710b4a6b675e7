using LiveChat.Core.Testing.Storage;
using LiveChat.Storage.Relational;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>The SQLite durable state runs the very suite the in-memory defaults pass, on a fresh file per test.</summary>
public sealed class SqliteDurableStateComplianceTests : DurableStateComplianceTests
{
    protected override async ValueTask<DurableStateUnderTest> CreateStoresAsync()
    {
        var file = new TempDatabase();
        var stores = await RelationalStateStores.OpenAsync(SqliteSettingsDialect.Create(file.ConnectionString), CancellationToken.None);
        return new DurableStateUnderTest(stores.Settings, stores.Playbooks, stores.Runs, stores.DueWork, async () =>
        {
            await stores.DisposeAsync();
            file.Dispose();
        });
    }
}
