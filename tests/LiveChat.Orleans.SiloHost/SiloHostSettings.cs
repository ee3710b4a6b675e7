using System.Globalization;

namespace LiveChat.Orleans.SiloHost;

/// <summary>How one silo process starts, from its command line (see Program.cs for the usage).</summary>
internal sealed record SiloHostSettings
{
    /// <summary>The Npgsql connection string of the store every silo shares.</summary>
    public required string Postgres { get; init; }

    /// <summary>The cluster's id: a fresh one per test, since membership rows outlive a run.</summary>
    public required string ClusterId { get; init; }

    /// <summary><c>localhost</c> (development clustering through the primary silo) or <c>postgres</c>.</summary>
    public string Clustering { get; init; } = "localhost";

    public required int SiloPort { get; init; }

    public required int GatewayPort { get; init; }

    /// <summary>The primary silo's silo port, for localhost clustering; the primary silo names its own.</summary>
    public required int PrimaryPort { get; init; }

    /// <summary>The SMTP server's port on 127.0.0.1; 0 keeps e-mail in memory.</summary>
    public int SmtpPort { get; init; }

    /// <summary>Offer mode with this lease, instead of direct assignment (feature R7).</summary>
    public TimeSpan? OfferTimeout { get; init; }

    /// <summary>How long an agent's connection may stay silent before routing treats them as away (feature R6).</summary>
    public TimeSpan PresenceTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The grace before a silent or offline agent's conversations are requeued (feature R6).</summary>
    public TimeSpan RequeueAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The unread-reply e-mail's window (feature E3).</summary>
    public TimeSpan UnreadDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Parses <c>--name value</c> pairs; unknown names and missing required values fail with the usage.</summary>
    /// <exception cref="ArgumentException">A required option is missing, or a value is malformed.</exception>
    public static SiloHostSettings FromArgs(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException($"{name} is required.", nameof(args));
        int Number(string name) => int.Parse(Required(name), CultureInfo.InvariantCulture);
        TimeSpan? Seconds(string name) => values.TryGetValue(name, out var value)
            ? TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture))
            : null;

        var settings = new SiloHostSettings
        {
            Postgres = Required("--postgres"),
            ClusterId = Required("--cluster-id"),
            SiloPort = Number("--silo-port"),
            GatewayPort = Number("--gateway-port"),
            PrimaryPort = Number("--primary-port"),
            SmtpPort = values.ContainsKey("--smtp-port") ? Number("--smtp-port") : 0,
            OfferTimeout = Seconds("--offer-timeout"),
        };
        return settings with
        {
            Clustering = values.GetValueOrDefault("--clustering", settings.Clustering),
            PresenceTimeout = Seconds("--presence-timeout") ?? settings.PresenceTimeout,
            UnreadDelay = Seconds("--unread-delay") ?? settings.UnreadDelay,
            RequeueAfter = Seconds("--requeue-after") ?? settings.RequeueAfter,
        };
    }
}
