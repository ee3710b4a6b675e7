using LiveChat.Core.Email;
using LiveChat.Core.Testing.Storage;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL outbox (what <c>UsePostgreSql</c> registers) runs the very e-mail store suite the in-memory and SQLite
/// ones pass, each test in an empty schema of its own.
/// </summary>
public sealed class PostgreSqlEmailStoreComplianceTests(SharedDatabase shared) : EmailStoreComplianceTests, IClassFixture<SharedDatabase>
{
    protected override async ValueTask<(IEmailStore Store, Func<ValueTask> Dispose)> CreateStoreAsync()
    {
        var (stores, dispose) = await shared.OpenStateStoresAsync();
        return (stores.Emails, dispose);
    }
}
