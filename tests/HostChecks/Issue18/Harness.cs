// Harness: several LiveChat servers of one host app in one test process, each its own IHost and its own Orleans silo
// (`services.AddLiveChat(...).UsePostgreSql(...).UseOrleans(silo => ...)`), all on one shared PostgreSQL database.
// Each cluster gets a fresh cluster id and fresh silo/gateway ports; each check uses fresh workspace ids.
using System.Collections.Concurrent;
using System.Net;
using LiveChat.Core;
using LiveChat.Core.Email;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Hosting;

// Orleans silos are heavy: checks of this assembly run one class at a time (2 shared cores).
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

namespace LiveChat.Issue18.Checks;

public static class Pg
{
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES") is { Length: > 0 } s ? s : null;

    public static string Required => ConnectionString ?? throw new InvalidOperationException("LIVECHAT_POSTGRES is not set");
}

/// <summary>A fact skipped (not passed) when LIVECHAT_POSTGRES is unset.</summary>
public sealed class ClusterFactAttribute : Xunit.FactAttribute
{
    public ClusterFactAttribute()
    {
        if (Pg.ConnectionString is null) Skip = "LIVECHAT_POSTGRES is not set";
    }
}

public sealed class ClusterTheoryAttribute : Xunit.TheoryAttribute
{
    public ClusterTheoryAttribute()
    {
        if (Pg.ConnectionString is null) Skip = "LIVECHAT_POSTGRES is not set";
    }
}

public enum Clustering
{
    /// <summary>`silo.UseLocalhostClustering(siloPort, gatewayPort, primarySiloEndpoint, ...)`: the first server is primary.</summary>
    Localhost,

    /// <summary>`silo.UseLiveChatPostgreSql(connectionString)`: membership and reminders in the shared database.</summary>
    PostgreSql,
}

public static class Ids
{
    public static WorkspaceId Workspace(string prefix = "ws") => new($"{prefix}-{Guid.NewGuid():N}"[..26]);
    public static string ClusterId() => "s6-" + Guid.NewGuid().ToString("N")[..20];
}

/// <summary>Records every event one server hands its publishers (each event once, on the server that committed it).</summary>
public sealed class RecordingPublisher : ILiveChatEventPublisher
{
    public ConcurrentQueue<LiveChatEvent> Events { get; } = new();

    public ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
    {
        Events.Enqueue(liveChatEvent);
        return ValueTask.CompletedTask;
    }
}

/// <summary>One web server of the host app: an IHost that is also a silo.</summary>
public sealed class Server : IAsyncDisposable
{
    public required string Name { get; init; }
    public required IHost Host { get; init; }
    public required RecordingPublisher Publisher { get; init; }
    public required InMemoryEmailTransport Mail { get; init; }
    public int SiloPort { get; init; }
    public LiveChatEngine Chat => Host.Services.GetRequiredService<LiveChatEngine>();
    public bool Stopped { get; private set; }

    /// <summary>Ends the server abruptly: the host is disposed without StopAsync (no graceful silo shutdown).</summary>
    public async Task AbortAsync()
    {
        if (Stopped) return;
        Stopped = true;
        await Task.Run(() => Host.Dispose()).WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (Stopped) return;
        Stopped = true;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await Host.StopAsync(cts.Token); } catch { /* stopping is best effort in a check's clean-up */ }
        Host.Dispose();
    }
}

public sealed class ClusterSetup
{
    public int Servers { get; set; } = 3;
    public Clustering Clustering { get; set; } = Clustering.Localhost;
    public TimeProvider? Clock { get; set; }
    public Action<LiveChatOptions>? Options { get; set; }
    public Action<IServiceCollection>? Services { get; set; }
    public Action<ILiveChatBuilder>? Builder { get; set; }
    public Action<ISiloBuilder>? Silo { get; set; }

    /// <summary>False leaves out UsePostgreSql (each server keeps the in-memory default store): a host's mistake.</summary>
    public bool SharedStore { get; set; } = true;
}

/// <summary>N servers of one host app clustered together on a fresh cluster id.</summary>
public sealed class Cluster : IAsyncDisposable
{
    public string ClusterId { get; } = Ids.ClusterId();
    public List<Server> Servers { get; } = new();
    public Server A => Servers[0];
    public Server B => Servers[1];
    public Server C => Servers[2];
    public IEnumerable<Server> Live => Servers.Where(s => !s.Stopped);

    /// <summary>All events committed anywhere in the cluster (each server records its own commits).</summary>
    public IEnumerable<LiveChatEvent> AllEvents => Servers.SelectMany(s => s.Publisher.Events);

    public IEnumerable<EmailMessage> AllSent => Servers.SelectMany(s => s.Mail.Sent);

    public static async Task<Cluster> StartAsync(ClusterSetup? setup = null)
    {
        setup ??= new ClusterSetup();
        var cluster = new Cluster { _setup = setup };
        var ports = cluster._ports;
        ports.AddRange(Enumerable.Range(0, setup.Servers).Select(_ => (silo: FreePort(), gateway: FreePort())));
        try
        {
            for (var i = 0; i < setup.Servers; i++)
            {
                var server = Build(cluster.ClusterId, i, ports, setup);
                cluster.Servers.Add(server);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
                await server.Host.StartAsync(cts.Token);
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    private ClusterSetup _setup = new();
    private readonly List<(int silo, int gateway)> _ports = new();

    /// <summary>A new server joins the running cluster (scale out, or a restarted server with a new identity).</summary>
    public async Task<Server> AddServerAsync()
    {
        _ports.Add((FreePort(), FreePort()));
        var server = Build(ClusterId, _ports.Count - 1, _ports, _setup);
        Servers.Add(server);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await server.Host.StartAsync(cts.Token);
        return server;
    }

    private static Server Build(string clusterId, int index, List<(int silo, int gateway)> ports, ClusterSetup setup)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Development",
            ApplicationName = "LiveChat.Issue18.Checks",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter(_ => false);
        if (setup.Clock is not null) builder.Services.AddSingleton(setup.Clock);
        var publisher = new RecordingPublisher();
        builder.Services.AddSingleton<ILiveChatEventPublisher>(publisher);
        setup.Services?.Invoke(builder.Services);
        var mail = new InMemoryEmailTransport();
        var (siloPort, gatewayPort) = ports[index];
        var live = builder.Services.AddLiveChat(o =>
            {
                o.BotDisplayName = "Leo";
                o.Email.DefaultSenderAddress = "support@acme.example";
                setup.Options?.Invoke(o);
            })
            .UseEmailTransport(_ => mail);
        if (setup.SharedStore) live = live.UsePostgreSql(Pg.Required);
        if (!NegativeControl) live = live.UseOrleans(silo =>
            {
                switch (setup.Clustering)
                {
                    case Clustering.Localhost:
                        silo.UseLocalhostClustering(
                            siloPort: siloPort,
                            gatewayPort: gatewayPort,
                            primarySiloEndpoint: new IPEndPoint(IPAddress.Loopback, ports[0].silo),
                            serviceId: clusterId,
                            clusterId: clusterId);
                        break;
                    case Clustering.PostgreSql:
                        silo.UseLiveChatPostgreSql(Pg.Required);
                        silo.Configure<ClusterOptions>(o =>
                        {
                            o.ClusterId = clusterId;
                            o.ServiceId = clusterId;
                        });
                        silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
                        break;
                }

                // Tuned failure detection for checks (docs/scale-out.md "Failure detection").
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                });
                setup.Silo?.Invoke(silo);
            });
        setup.Builder?.Invoke(live);
        return new Server
        {
            Name = ((char)('A' + index)).ToString(),
            Host = builder.Build(),
            Publisher = publisher,
            Mail = mail,
            SiloPort = siloPort,
        };
    }

    /// <summary>S6_NEGATIVE_CONTROL=1 builds every server WITHOUT UseOrleans (plain nodes sharing PostgreSQL): the
    /// cross-server checks are expected to fail then, which shows they can tell a cluster from separate nodes.</summary>
    public static bool NegativeControl => Environment.GetEnvironmentVariable("S6_NEGATIVE_CONTROL") == "1";

    /// <summary>A free loopback port (<see cref="LiveChat.HostChecks.LoopbackPorts.Free"/>).</summary>
    public static int FreePort() => LiveChat.HostChecks.LoopbackPorts.Free();

    public async ValueTask DisposeAsync()
    {
        // Non-primary servers first, so the localhost primary outlives them.
        for (var i = Servers.Count - 1; i >= 0; i--) await Servers[i].DisposeAsync();
    }
}

public static class Wait
{
    /// <summary>Waits for a condition with a deadline (no fixed sleeps); fails with the message when it never holds.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < deadline)
        {
            try
            {
                if (await condition()) return;
                last = null;
            }
            catch (Exception e) { last = e; }
            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"Timed out after {deadline.TotalSeconds:0.#} s waiting for: {what}" +
                                           (last is null ? "" : $" (last error: {last.GetType().Name}: {last.Message})"));
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what) =>
        UntilAsync(() => Task.FromResult(condition()), deadline, what);

    /// <summary>Asserts that a condition stays true for a while (used only to check "nothing more happens").</summary>
    public static async Task StaysAsync(Func<Task<bool>> condition, TimeSpan during, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < during)
        {
            if (!await condition()) throw new Xunit.Sdk.XunitException($"No longer true: {what}");
            await Task.Delay(100);
        }
    }
}
