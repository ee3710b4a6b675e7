using System.Globalization;

namespace LiveChat.Cluster;

/// <summary>How the cluster demo starts: the database, and the first of three consecutive ports of each kind.</summary>
internal sealed record ClusterSettings
{
    /// <summary>The environment variable naming the PostgreSQL database when <c>--postgres</c> does not.</summary>
    public const string PostgresVariable = "LIVECHAT_POSTGRES";

    /// <summary>How many servers (silos) the demo starts.</summary>
    public const int Servers = 3;

    /// <summary>The Npgsql connection string every server shares.</summary>
    public required string Postgres { get; init; }

    /// <summary>Server A listens on this port of 127.0.0.1, B on the next, C on the one after; 0 picks free ones.</summary>
    public int WebPort { get; init; } = 5081;

    /// <summary>Silo-to-silo ports: A on this one, B and C on the next two.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Client gateway ports, three from this one.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>A fresh cluster id for each start, so membership rows of an earlier run never count.</summary>
    public string ClusterId { get; init; } = $"demo-{Guid.NewGuid():N}";

    /// <summary>
    /// The settings from <c>--postgres CS</c> (or <see cref="PostgresVariable"/>), <c>--web-port</c>, <c>--silo-port</c>
    /// and <c>--gateway-port</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No connection string is given, or a port is not a number.</exception>
    public static ClusterSettings FromArgs(string[] args, string? environmentPostgres)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Port(string name, int fallback) => Value(name) is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : throw new ArgumentException($"{name} needs a port number, not '{text}'.", nameof(args))
            : fallback;

        var postgres = Value("--postgres") ?? environmentPostgres;
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new ArgumentException(
                $"The cluster demo needs a PostgreSQL database that its three servers share: set {PostgresVariable} to an Npgsql connection "
                + "string (Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres), or pass --postgres \"CONNECTION STRING\". "
                + "`source tests/postgres.sh && livechat_pg_start` starts a throwaway server and sets it.", nameof(args));
        }

        var defaults = new ClusterSettings { Postgres = postgres };
        return defaults with
        {
            WebPort = Port("--web-port", defaults.WebPort),
            SiloPort = Port("--silo-port", defaults.SiloPort),
            GatewayPort = Port("--gateway-port", defaults.GatewayPort),
        };
    }
}
