using System.Net;
using Orleans.Configuration;
using Orleans.Hosting;

namespace LiveChat.Orleans.SiloHost;

/// <summary>The one place that picks the silo's clustering (<c>--clustering localhost|postgres</c>).</summary>
internal static class Clustering
{
    /// <summary>
    /// Joins the silo to the cluster <paramref name="settings"/> names, with failure detection tuned for tests (a silent
    /// silo is declared dead in about 2 s; docs/scale-out.md gives the production values).
    /// </summary>
    /// <exception cref="NotSupportedException">PostgreSQL clustering is asked for before this branch has it.</exception>
    /// <exception cref="ArgumentException">An unknown clustering.</exception>
    public static void Configure(ISiloBuilder silo, SiloHostSettings settings)
    {
        switch (settings.Clustering)
        {
            case "localhost":
                silo.UseLocalhostClustering(
                    settings.SiloPort, settings.GatewayPort, new IPEndPoint(IPAddress.Loopback, settings.PrimaryPort),
                    serviceId: "livechat", clusterId: settings.ClusterId);
                break;
            case "postgres":
                throw new NotSupportedException(
                    "PostgreSQL clustering needs silo.UseLiveChatPostgreSql(connectionString) (branch b18), which this build does not have yet.");
            default:
                throw new ArgumentException($"Unknown clustering '{settings.Clustering}': use localhost or postgres.", nameof(settings));
        }

        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
        });
    }
}
