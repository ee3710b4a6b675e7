using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using LiveChat.Orleans.Testing;
using Orleans.Hosting;

namespace LiveChat.Orleans.SiloHost;

/// <summary>The one place that picks the silo's clustering (<c>--clustering localhost|postgres</c>).</summary>
internal static class Clustering
{
    /// <summary>
    /// Joins the silo to the cluster <paramref name="settings"/> names, with failure detection tuned for tests (a silent
    /// silo is declared dead in about 2 s; docs/scale-out.md gives the production values).
    /// </summary>
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
                // Membership and reminders in the store's database (our own schema, migrated by the silo); a reminder
                // period of 1 s instead of Orleans' 1-minute floor, so the due-work backstop ticks within a test.
                silo.UseLiveChatPostgreSql(settings.Postgres)
                    .ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort)
                    .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, "livechat"))
                    .Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
                break;
            default:
                throw new ArgumentException($"Unknown clustering '{settings.Clustering}': use localhost or postgres.", nameof(settings));
        }

        TestFailureDetection.Apply(silo);
    }
}
