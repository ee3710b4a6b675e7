namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>The PostgreSQL server the tests use, named by the environment variable <c>LIVECHAT_POSTGRES</c>.</summary>
public static class PostgresServer
{
    public const string Variable = "LIVECHAT_POSTGRES";

    /// <summary>
    /// An Npgsql connection string to a maintenance database, as a user allowed to create databases. Missing, it fails
    /// the test rather than skipping it: a run that silently tested nothing would look green.
    /// </summary>
    public static string MaintenanceConnectionString
        => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so there is no PostgreSQL server to test against. Run `bash tests/run.sh`, which starts a "
                + $"throwaway server and sets it, or set {Variable} to an Npgsql connection string of a superuser, such as "
                + "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres.");
}
