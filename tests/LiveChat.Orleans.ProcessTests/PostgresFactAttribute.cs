using LiveChat.Storage.PostgreSql.Tests;

namespace LiveChat.Orleans.ProcessTests;

/// <summary>A fact that needs a PostgreSQL server: skipped, saying why, when <c>LIVECHAT_POSTGRES</c> is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresServer.Variable)))
        {
            Skip = $"{PostgresServer.Variable} is not set: run tests/run.sh, or `source tests/postgres.sh && livechat_pg_start`.";
        }
    }
}
