using System.Reflection;
using LiveChat.Core;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using LiveChat.Core.Tests.Scenarios;
using LiveChat.Core.Transport;
using LiveChat.Orleans.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// <summary>The services a deployment keeps outside the web servers: the stores (playbook runs too), the event hub, the CRM, e-mail.</summary>
    private static readonly Type[] Shared =
    [
        typeof(InMemoryLiveChatStore), typeof(InMemoryWorkspaceSettingsStore), typeof(InMemoryPlaybookStore), typeof(InMemoryPlaybookRunStore), typeof(InMemoryDueWorkStore),
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

    /// <summary>The cluster id the silos' membership rows are kept under; fresh for every cluster.</summary>
    public string ClusterId => _cluster.Options.ClusterId;

    /// <summary>The running silos' handles, for stopping or killing one.</summary>
    public IReadOnlyList<InProcessSiloHandle> Handles => _cluster.Silos;

    /// <summary>Stops a silo gracefully: it says goodbye to the cluster before it goes.</summary>
    public Task StopAsync(InProcessSiloHandle silo) => _cluster.StopSiloAsync(silo);

    /// <summary>Kills a silo: it stops answering without a word, and the others must find out by probing it.</summary>
    public Task KillAsync(InProcessSiloHandle silo) => _cluster.KillSiloAsync(silo);

    /// <summary>
    /// Starts the cluster; <paramref name="register"/> registers the engine as a host would, once per silo. With
    /// <paramref name="postgres"/>, the silos cluster and keep reminders on that database
    /// (<c>UseLiveChatPostgreSql</c>) instead of the test cluster's in-memory membership. <paramref name="afterOrleans"/>
    /// replaces what <c>UseOrleans</c> registered, such as a port, to compare with the cluster's own.
    /// </summary>
    /// <param name="register">Registers the engine, once per silo and once for the shared services.</param>
    /// <param name="silos">How many silos.</param>
    /// <param name="postgres">The PostgreSQL database for membership and reminders; null for the test cluster's own.</param>
    /// <param name="afterOrleans">Changes each silo's services after <c>UseOrleans</c>, such as putting a core default back.</param>
    public static async Task<SiloCluster> StartAsync(
        Action<IServiceCollection> register, short silos = 3, string? postgres = null, Action<IServiceCollection>? afterOrleans = null)
    {
        // The shared services come from a provider of their own, built from the same registrations, so that every silo
        // can start at once.
        var outside = new ServiceCollection();
        register(outside);
        var shared = outside.BuildServiceProvider();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.InitializeClientOnDeploy = false;
        if (postgres is not null)
        {
            // The test cluster registers its in-memory membership table after the host's own registrations, so it would
            // win over the PostgreSQL one; its switch is internal in Orleans 10.4.
            typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.NonPublic)!
                .SetValue(builder.Options, false);
        }

        builder.ConfigureSiloHost((_, host) =>
        {
            register(host.Services);

            // After the host's own registrations, so that a shared service the host replaced (a test's CRM) is still
            // one instance for every silo instead of one per silo.
            foreach (var type in Shared)
            {
                host.Services.AddSingleton(type, _ => shared.GetRequiredService(type));
            }

            // The core registers the playbook run store by its port, not through a shared concrete type: one database
            // holds the runs for every silo (an erasure run in the identity grain's silo must reach the bot's answers).
            host.Services.AddSingleton<LiveChat.Core.Playbooks.IPlaybookRunStore>(_ => shared.GetRequiredService<LiveChat.Core.Playbooks.IPlaybookRunStore>());

            host.Services.AddLiveChat().UseOrleans(silo =>
            {
                TestFailureDetection.Apply(silo);
                if (postgres is not null)
                {
                    silo.UseLiveChatPostgreSql(postgres);
                }
            });
            afterOrleans?.Invoke(host.Services);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SiloCluster(cluster, shared);
    }

    /// <summary>Builds a cluster for a scenario harness, off the test's synchronization context.</summary>
    public static SiloCluster Start(Action<IServiceCollection> register) => Task.Run(() => StartAsync(register)).GetAwaiter().GetResult();

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
