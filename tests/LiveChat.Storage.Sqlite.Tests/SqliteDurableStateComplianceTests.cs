using LiveChat.Core.Testing.Storage;
using LiveChat.Storage.Relational;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>The SQLite durable state runs the very suite the in-memory defaults pass, on a fresh file per test.</summary>
public sealed class SqliteDurableStateComplianceTests : DurableStateComplianceTests
{
    protected override async ValueTask<DurableStateUnderTest> CreateStoresAsync()
    {
        var file = new TempDatabase();
        var database = new RelationalDatabase(SqliteSettingsDialect.Create(file.ConnectionString));
        await RelationalStateSchema.ApplyAsync(database, CancellationToken.None);
        return new DurableStateUnderTest(
            new RelationalWorkspaceSettingsStore(database),
            new RelationalPlaybookStore(database),
            new RelationalPlaybookRunStore(database),
            new RelationalDueWorkStore(database),
            async () =>
            {
                await database.DisposeAsync();
                file.Dispose();
            });
    }
}
