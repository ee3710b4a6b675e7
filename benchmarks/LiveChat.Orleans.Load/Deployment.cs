using System.Net;
using LiveChat.Core;
using LiveChat.Core.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace LiveChat.Orleans.Load;

/// <summary>
/// One deployment under test, in this process: the single-process PostgreSQL deployment (no silo), or N co-hosted silos
/// (localhost clustering on 127.0.0.1, the first one primary) over the same database. Silos talk over real loopback TCP.
/// </summary>
internal sealed class Deployment : IAsyncDisposable
{
    private readonly List<IHost> _hosts;

    private Deployment(List<IHost> hosts) => _hosts = hosts;

    /// <summary>Each host's engine, the first host's first.</summary>
    public IReadOnlyList<LiveChatEngine> Engines => [.. _hosts.Select(h => h.Services.GetRequiredService<LiveChatEngine>())];

    /// <summary>Starts the deployment; <paramref name="silos"/> 0 is the single process without Orleans.</summary>
    public static async Task<Deployment> StartAsync(string postgres, int silos)
    {
        var hosts = new List<IHost>();
        var siloPort = LoopbackPorts.Free();
        var clusterId = $"load-{Guid.NewGuid():N}";
        for (var i = 0; i < Math.Max(1, silos); i++)
        {
            var index = i;
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            var chat = builder.Services.AddLiveChat(o => o.Routing.PresenceTimeout = Timeout.InfiniteTimeSpan).UsePostgreSql(postgres);
            if (silos > 0)
            {
                var port = index == 0 ? siloPort : LoopbackPorts.Free();
                chat.UseOrleans(silo => silo.UseLocalhostClustering(port, LoopbackPorts.Free(), new IPEndPoint(IPAddress.Loopback, siloPort), "livechat-load", clusterId));
            }

            var host = builder.Build();
            await host.StartAsync();
            hosts.Add(host);
        }

        return new Deployment(hosts);
    }

    /// <summary>The first silo's services, for the memory measurements.</summary>
    public IServiceProvider Services => _hosts[0].Services;

    /// <summary>Each host's services, the first host's first.</summary>
    public IReadOnlyList<IServiceProvider> Silos => [.. _hosts.Select(h => h.Services)];

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
