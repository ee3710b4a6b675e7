using System.Net;
using LiveChat.Core.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using LiveChat.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace LiveChat.Cluster;

/// <summary>
/// Three web servers of the web demo (<see cref="DemoHost"/>, reused as it is) in one process, each also a silo of one
/// Orleans cluster on 127.0.0.1 (localhost clustering, A the primary silo), all over one PostgreSQL database: the
/// workspace's router grain decides for all three, so a visitor on server A is routed to an agent signed in on server B.
/// </summary>
/// <remarks>
/// Live updates between servers need a backplane; separate processes do not have one yet (docs/scale-out.md). The three
/// hosts of this process share server A's event hub, standing in for it, as the in-process test cluster does: a message
/// posted on any server reaches the connections of every server.
/// </remarks>
internal static class ClusterDemo
{
    /// <summary>Starts the servers one after another (A first, as it is the primary silo); stop them in reverse.</summary>
    public static async Task<IReadOnlyList<WebApplication>> StartAsync(ClusterSettings settings)
    {
        var servers = new List<WebApplication>();
        var primary = new IPEndPoint(IPAddress.Loopback, settings.SiloPort);
        for (var i = 0; i < ClusterSettings.Servers; i++)
        {
            var index = i;
            var shared = servers.FirstOrDefault()?.Services.GetRequiredService<ChannelEventHub>();
            var demo = new DemoSettings
            {
                DatabaseFile = null,
                Url = $"http://127.0.0.1:{(settings.WebPort == 0 ? 0 : settings.WebPort + i)}",
            };
            servers.Add(await DemoHost.StartAsync(demo, builder =>
            {
                // The silos' start-up and membership chatter stays out of the console; warnings still show.
                builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
                builder.Services.AddLiveChat().UsePostgreSql(settings.Postgres).UseOrleans(silo =>
                {
                    silo.UseLocalhostClustering(settings.SiloPort + index, settings.GatewayPort + index, primary, "livechat-demo", settings.ClusterId);
                    silo.Configure<ClusterMembershipOptions>(o => o.NumVotesForDeathDeclaration = 1);
                });
                if (shared is not null)
                {
                    builder.Services.Replace(ServiceDescriptor.Singleton(shared));
                }
            }));
        }

        return servers;
    }

    /// <summary>Stops the servers, C first and A (the primary silo, and the event hub's owner) last.</summary>
    public static async Task StopAsync(IReadOnlyList<WebApplication> servers)
    {
        foreach (var server in servers.Reverse())
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }
}
