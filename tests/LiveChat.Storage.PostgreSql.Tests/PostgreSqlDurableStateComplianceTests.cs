using LiveChat.Core.Testing.Storage;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>The PostgreSQL durable state runs the very suite the in-memory defaults pass, each test in an empty schema of its own.</summary>
public sealed class PostgreSqlDurableStateComplianceTests(SharedDatabase shared) : DurableStateComplianceTests, IClassFixture<SharedDatabase>
{
    protected override async ValueTask<DurableStateUnderTest> CreateStoresAsync()
    {
        var (stores, dispose) = await shared.OpenStateStoresAsync();
        return new DurableStateUnderTest(stores.Settings, stores.Playbooks, stores.Runs, stores.DueWork, dispose);
    }
}
