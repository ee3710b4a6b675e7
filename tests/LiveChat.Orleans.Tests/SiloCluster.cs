using LiveChat.Core;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using LiveChat.Core.Tests.Scenarios;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace LiveChat.Orleans.Tests;

/// <summary>
/// Three (or more) in-process silos, each a host with the engine co-hosted (<c>AddLiveChat(…).UseOrleans(…)</c>), on a
/// fresh cluster id. What a deployment shares outside the processes (the database, the event backplane, the CRM, the
/// mail server) the silos share as one instance each; everything in process memory (routing tables, timers,
/// dispatchers) is each silo's own.
/// </summary>
public sealed class SiloCluster : IHarnessCluster
{
    /// <summary>The services a deployment keeps outside the web servers: the store, the event hub, the CRM, e-mail.</summary>
    private static readonly Type[] Shared =
    [
        typeof(InMemoryLiveChatStore), typeof(InMemoryWorkspaceSettingsStore), typeof(InMemoryPlaybookStore), typeof(InMemoryDueWorkStore),
        typeof(ChannelEventHub), typeof(ICrmGateway), typeof(InMemoryEmailStore), typeof(InMemoryEmailTransport),
    ];

    private readonly InProcessTestCluster _cluster;
    private readonly ServiceProvider _shared;

    private SiloCluster(InProcessTestCluster cluster, ServiceProvider shared)
    {
        _cluster = cluster;
        _shared = shared;
    }

    /// <summary>Each silo's services, the first one's first.</summary>
    public IReadOnlyList<IServiceProvider> Silos => [.. _cluster.Silos.Select(s => s.SiloHost.Services)];

    /// <summary>The first silo's services: the harness's engine lives there.</summary>
    public IServiceProvider Services => Silos[0];

    /// <summary>Starts the cluster; <paramref name="register"/> registers the engine as a host would, once per silo.</summary>
    public static async Task<SiloCluster> StartAsync(Action<IServiceCollection> register, short silos = 3)
    {
        // The shared services come from a provider of their own, built from the same registrations, so that every silo
        // can start at once.
        var outside = new ServiceCollection();
        register(outside);
        var shared = outside.BuildServiceProvider();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.InitializeClientOnDeploy = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            register(host.Services);

            // After the host's own registrations, so that a shared service the host replaced (a test's CRM) is still
            // one instance for every silo instead of one per silo.
            foreach (var type in Shared)
            {
                host.Services.AddSingleton(type, _ => shared.GetRequiredService(type));
            }

            host.Services.AddLiveChat().UseOrleans(TuneForTests);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SiloCluster(cluster, shared);
    }

    /// <summary>Builds a cluster for a scenario harness, off the test's synchronization context.</summary>
    public static SiloCluster Start(Action<IServiceCollection> register) => Task.Run(() => StartAsync(register)).GetAwaiter().GetResult();

    /// <summary>
    /// Failure detection for tests: a silo that stops answering is declared dead after about 2 s instead of the default's
    /// ~8 s (see docs/scale-out.md for the production values).
    /// </summary>
    public static void TuneForTests(ISiloBuilder silo) => silo.Configure<ClusterMembershipOptions>(o =>
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
    });

    /// <summary>Waits until every silo is idle, twice round, since one silo's work may start another's.</summary>
    public async Task SettleAsync()
    {
        for (var round = 0; round < 2; round++)
        {
            foreach (var silo in Silos)
            {
                await Settle.AllAsync(silo);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _shared.DisposeAsync();
    }
}
