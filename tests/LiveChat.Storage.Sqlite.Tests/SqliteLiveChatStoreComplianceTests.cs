using LiveChat.Core.Testing.Storage;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>The SQLite store runs the very suite the in-memory store passes.</summary>
public sealed class SqliteLiveChatStoreComplianceTests : StoreComplianceTests
{
    protected override ValueTask<StoreUnderTest> CreateStoreAsync()
    {
        var database = new TempDatabase();
        var store = SqliteLiveChatStore.Open(database.ConnectionString);
        return ValueTask.FromResult(StoreUnderTest.For(store, () =>
        {
            database.Dispose();
            return ValueTask.CompletedTask;
        }));
    }
}
