using LiveChat.Core.Email;
using LiveChat.Core.Testing.Storage;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>The SQLite outbox runs the very e-mail store suite the in-memory one passes.</summary>
public sealed class SqliteEmailStoreComplianceTests : EmailStoreComplianceTests
{
    protected override ValueTask<(IEmailStore Store, Func<ValueTask> Dispose)> CreateStoreAsync()
    {
        var database = new TempDatabase();
        var store = SqliteEmailStore.Open(database.ConnectionString);
        return ValueTask.FromResult<(IEmailStore, Func<ValueTask>)>((store, () =>
        {
            database.Dispose();
            return ValueTask.CompletedTask;
        }));
    }
}
