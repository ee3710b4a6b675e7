using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using LiveChat.Web;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace LiveChat.Cluster;

/// <summary>
/// Three web servers of the web demo (<see cref="DemoHost"/>, reused as it is) in one process, each also a silo of one
/// Orleans cluster on 127.0.0.1, clustered on one PostgreSQL database (membership and reminders beside the store,
/// <c>UseLiveChatPostgreSql</c>): the workspace's router grain decides for all three, so a visitor on server A is routed
/// to an agent signed in on server B, and what one server commits reaches the connections of the others over the silos'
/// own connections (docs/scale-out.md, "Chat across servers").
/// </summary>
internal static class ClusterDemo
{
    /// <summary>Starts the servers one after another (A, B, C); stop them in reverse.</summary>
    public static async Task<IReadOnlyList<WebApplication>> StartAsync(ClusterSettings settings)
    {
        var servers = new List<WebApplication>();
        for (var i = 0; i < ClusterSettings.Servers; i++)
        {
            var index = i;
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
                    silo.UseLiveChatPostgreSql(settings.Postgres)
                        .ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort + index, settings.GatewayPort + index)
                        .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, "livechat-demo"))
                        .Configure<ClusterMembershipOptions>(o => o.NumVotesForDeathDeclaration = 1);
                });
            }));
        }

        return servers;
    }

    /// <summary>Stops the servers, C first and A last.</summary>
    public static async Task StopAsync(IReadOnlyList<WebApplication> servers)
    {
        foreach (var server in servers.Reverse())
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }
}
