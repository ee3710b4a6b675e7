using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Chk18c;

public static class Pg
{
    /// <summary>The server these checks create their databases on: LIVECHAT_POSTGRES (tests/postgres.sh starts one; CI sets it).</summary>
    public static string Admin { get; } =
        Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES") is { Length: > 0 } s
            ? s
            : throw new InvalidOperationException("Set LIVECHAT_POSTGRES to a PostgreSQL server these checks may create databases on (tests/postgres.sh starts one).");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "chk18c_" + Guid.NewGuid().ToString("N");
        await using var c = new NpgsqlConnection(Admin);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        try
        {
            var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(Admin);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
            await cmd.ExecuteNonQueryAsync();
        }
        catch
        {
            // best effort
        }
    }
}

public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();
    public ILogger CreateLogger(string categoryName) => new L(this, categoryName);
    public void Dispose() { }

    private sealed class L(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning) sink.Entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}

public sealed class Server
{
    public required string Name { get; init; }
    public required IHost Host { get; init; }
    public LiveChatEngine Chat => Host.Services.GetRequiredService<LiveChatEngine>();
    public ILiveChatEventSource Source => Host.Services.GetRequiredService<ILiveChatEventSource>();
    public bool Stopped { get; set; }
}

public sealed record Seen(string Server, bool ClusterSource, LiveChatEvent Event);

/// <summary>A cluster of co-hosted LiveChat servers (silos) on one PostgreSQL database, as the README's "Scale out on Orleans" shows.</summary>
public sealed class Cluster : IAsyncDisposable
{
    public string Db { get; }
    public string ClusterId { get; set; }
    public string ServiceId { get; } = "livechat-" + Guid.NewGuid().ToString("N")[..8];
    public FakeTimeProvider Time { get; }
    public Action<LiveChatOptions> Configure { get; }
    public InMemoryEmailTransport Mail { get; } = new();
    public LogSink Logs { get; } = new();
    public List<Server> Servers { get; } = [];
    public WorkspaceId Ws { get; } = new("ws-" + Guid.NewGuid().ToString("N")[..10]);
    public ConcurrentQueue<Seen> Events { get; } = new();
    private readonly List<(EventSubscription Sub, Task Pump)> _subs = [];
    private readonly CancellationTokenSource _stop = new();
    private int _serial;

    private Cluster(string db, FakeTimeProvider time, Action<LiveChatOptions> configure)
    {
        Db = db;
        Time = time;
        Configure = configure;
        ClusterId = "chk18c-" + Guid.NewGuid().ToString("N")[..10];
    }

    public Server this[int i] => Servers[i];

    public static async Task<Cluster> StartAsync(int servers, Action<LiveChatOptions>? configure = null, bool record = true)
    {
        var db = await Pg.CreateDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var c = new Cluster(db, time, o =>
        {
            o.Routing.PresenceTimeout = TimeSpan.FromHours(1);
            o.Email.DefaultSenderAddress = "support@acme.example";
            configure?.Invoke(o);
        });
        try
        {
            await c.AddServersAsync(servers, record);
        }
        catch
        {
            await c.DisposeAsync();
            throw;
        }
        return c;
    }

    public async Task AddServersAsync(int count, bool record = true)
    {
        for (var i = 0; i < count; i++)
        {
            var s = await StartServerAsync();
            if (record) Attach(s);
        }
    }

    public static int FreePort() => LiveChat.HostChecks.LoopbackPorts.Free();

    public async Task<Server> StartServerAsync()
    {
        var name = "S" + Interlocked.Increment(ref _serial);
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(Logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddLiveChat(Configure)
            .UsePostgreSql(Db)
            .UseEmailTransport(_ => Mail)
            .UseOrleans(silo => silo
                .UseLiveChatPostgreSql(Db)
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId))
                .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
                .Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                })
                .Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)));
        var host = builder.Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        await host.StartAsync(cts.Token);
        var s = new Server { Name = name, Host = host };
        Servers.Add(s);
        return s;
    }

    public void Attach(Server s)
    {
        Pump(s, s.Chat.Events.Subscribe(Ws), false);
        Pump(s, s.Source.Subscribe(Ws), true);
    }

    private void Pump(Server s, EventSubscription sub, bool cluster)
    {
        var t = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in sub.Reader.ReadAllAsync(_stop.Token))
                    Events.Enqueue(new Seen(s.Name, cluster, e));
            }
            catch
            {
                // stopped
            }
        });
        _subs.Add((sub, t));
    }

    /// <summary>Events of the engines' own hubs (each event once in the cluster, on the server that committed it).</summary>
    public List<LiveChatEvent> Committed => Events.Where(e => !e.ClusterSource).Select(e => e.Event).ToList();

    public List<AgentNotification> Notes => Committed.OfType<AgentNotification>().ToList();

    public List<LiveChatEvent> SeenBy(Server s) => Events.Where(e => e.ClusterSource && e.Server == s.Name).Select(e => e.Event).ToList();

    public async Task StopServerAsync(Server s)
    {
        if (s.Stopped) return;
        s.Stopped = true;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await s.Host.StopAsync(cts.Token);
        }
        catch
        {
            // ignore
        }
        try
        {
            if (s.Host is IAsyncDisposable ad) await ad.DisposeAsync(); else s.Host.Dispose();
        }
        catch
        {
            // ignore
        }
    }

    public async Task StopAllAsync()
    {
        await Task.WhenAll(Servers.Where(s => !s.Stopped).Select(StopServerAsync));
    }

    /// <summary>Stops every server (gracefully) and starts <paramref name="count"/> new ones on the same database.</summary>
    public async Task RestartAllAsync(int count, bool newClusterId)
    {
        await StopAllAsync();
        Servers.Clear();
        NpgsqlConnection.ClearAllPools();
        if (newClusterId) ClusterId = "chk18c-" + Guid.NewGuid().ToString("N")[..10];
        await AddServersAsync(count);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync();
        _stop.Cancel();
        foreach (var (sub, _) in _subs)
        {
            try { await sub.DisposeAsync(); } catch { }
        }
        await Pg.DropDatabaseAsync(Db);
    }

    // ---- host-level helpers ----

    public async Task RegisterOnlineAsync(Server via, string agent, int capacity, params TeamId[] teams)
    {
        await via.Chat.Agents.RegisterAsync(Ws, new AgentRegistration(new AgentId(agent), agent.ToUpperInvariant(), capacity) { Teams = teams });
        await via.Chat.Agents.SetStatusAsync(Ws, new AgentId(agent), AgentStatus.Online);
    }

    public async Task<(Conversation Conversation, VisitorToken Token)> StartConversationAsync(Server via)
    {
        var (c, t) = await via.Chat.Conversations.StartAsync(Ws);
        return (c, t);
    }

    public async Task<Conversation> GetAsync(Server via, ConversationId id) => await via.Chat.Conversations.GetAsync(Ws, id);

    public Server Live => Servers.First(s => !s.Stopped);
}

public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
                last = null;
            }
            catch (Exception e)
            {
                last = e;
            }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}" + (last is null ? "" : $" (last error: {last.GetType().Name}: {last.Message})"));
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what);

    /// <summary>A bounded negative window: the condition must stay false throughout.</summary>
    public static async Task StaysFalseAsync(Func<Task<bool>> condition, TimeSpan window, string what)
    {
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) throw new Xunit.Sdk.XunitException($"Unexpectedly became true within {window.TotalSeconds:0.#} s: {what}");
            await Task.Delay(50);
        }
    }

    public static Task StaysFalseAsync(Func<bool> condition, TimeSpan window, string what) =>
        StaysFalseAsync(() => Task.FromResult(condition()), window, what);

    public static readonly TimeSpan Long = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
}
