namespace LiveChat.Core.Benchmarks.Routing;

/// <summary>
/// The servers the routing baselines run against, named by environment variables that <c>benchmarks/run.sh</c> sets.
/// A missing variable fails the benchmark with a message saying so: a baseline that quietly skipped would leave an
/// empty column beside the numbers it is there to put in context.
/// </summary>
public static class RoutingServers
{
    /// <summary>The Redis server as <c>host:port</c>, from <c>LIVECHAT_REDIS</c>.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set.</exception>
    public static string Redis => Required("LIVECHAT_REDIS", "a throwaway Redis server");

    /// <summary>An Npgsql connection string, from <c>LIVECHAT_POSTGRES</c>.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set.</exception>
    public static string Postgres => Required("LIVECHAT_POSTGRES", "a throwaway durable PostgreSQL server");

    private static string Required(string variable, string server)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run benchmarks/run.sh, which starts {server} and sets it.");
}
