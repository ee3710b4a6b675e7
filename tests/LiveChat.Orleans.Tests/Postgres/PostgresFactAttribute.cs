using LiveChat.Storage.PostgreSql.Tests;

namespace LiveChat.Orleans.Tests.Postgres;

/// <summary>A fact that needs a PostgreSQL server: skipped, with the reason, when <c>LIVECHAT_POSTGRES</c> is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresServer.Variable)))
        {
            Skip = $"{PostgresServer.Variable} is not set (source tests/postgres.sh && livechat_pg_start)";
        }
    }
}
