using LiveChat.Core.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>The restart suite on a PostgreSQL schema that outlives each host.</summary>
public sealed class PostgreSqlDurableStateRestartTests(SharedDatabase shared) : DurableStateRestartTests, IClassFixture<SharedDatabase>
{
    protected override async ValueTask<(Action<ILiveChatBuilder> Use, Func<ValueTask> Dispose)> CreateDatabaseAsync()
    {
        var (connectionString, cleanup) = await shared.CreateSchemaAsync();
        return (b => b.UsePostgreSql(connectionString), cleanup);
    }
}
