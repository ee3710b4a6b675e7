using System.Collections.Concurrent;
using System.Net;
using LiveChat.Core;
using LiveChat.HostChecks;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

namespace LiveChat.Issue18b.Checks;

/// <summary>Every event any server committed, with the server's index (one publisher instance shared by all).</summary>
public sealed class EventRecorder : ILiveChatEventPublisher
{
    public ConcurrentQueue<LiveChatEvent> Events { get; } = new();

    public ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
    {
        Events.Enqueue(liveChatEvent);
        return ValueTask.CompletedTask;
    }
}

/// <summary>One mailbox for the whole cluster, as one SMTP relay would be.</summary>
public sealed class RecordingTransport : IEmailTransport
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public ValueTask SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(message);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// N co-hosted servers as the README's "Scale out on Orleans" builds them: AddLiveChat().UsePostgreSql().UseOrleans(silo =>
/// silo.UseLiveChatPostgreSql(...).Configure&lt;ClusterOptions&gt;(...).ConfigureEndpoints(...)), one fresh database, one
/// FakeTimeProvider for the engine (the host's TimeProvider), one event recorder and one mail transport shared.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly List<IHost?> _hosts = new();
    private readonly string _clusterId = "c" + Guid.NewGuid().ToString("N")[..12];
    private readonly Action<LiveChatOptions>? _configure;

    private Cluster(string connectionString, Action<LiveChatOptions>? configure)
    {
        ConnectionString = connectionString;
        _configure = configure;
    }

    public string ConnectionString { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    public EventRecorder Recorder { get; } = new();
    public RecordingTransport Mail { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();

    public int Count => _hosts.Count;

    public LiveChatEngine this[int server] =>
        (_hosts[server] ?? throw new InvalidOperationException($"server {server} is stopped"))
            .Services.GetRequiredService<LiveChatEngine>();

    public IHost Host(int server) => _hosts[server] ?? throw new InvalidOperationException($"server {server} is stopped");

    public IEnumerable<int> Running => Enumerable.Range(0, _hosts.Count).Where(i => _hosts[i] is not null);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES") is { Length: > 0 } s
            ? s
            : throw new InvalidOperationException("Set LIVECHAT_POSTGRES to a PostgreSQL server these checks may create databases on (tests/postgres.sh starts one).");

    public static async Task<Cluster> StartAsync(int servers = 3, Action<LiveChatOptions>? configure = null)
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        var database = "lc18b_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        admin.Database = database;
        admin.Pooling = true;
        var cluster = new Cluster(admin.ConnectionString, configure);
        for (var i = 0; i < servers; i++)
        {
            await cluster.AddServerAsync();
        }

        return cluster;
    }

    public async Task<int> AddServerAsync()
    {
        var (siloPort, gatewayPort) = (LoopbackPorts.Free(), LoopbackPorts.Free());
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new WarningSink(Warnings, _hosts.Count));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton<ILiveChatEventPublisher>(Recorder);
        builder.Services.AddLiveChat(o =>
            {
                o.BotDisplayName = "Leo";
                _configure?.Invoke(o);
            })
            .UsePostgreSql(ConnectionString)
            .UseEmailTransport(_ => Mail)
            .UseOrleans(silo => silo
                .UseLiveChatPostgreSql(ConnectionString)
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (_clusterId, "livechat"))
                .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort));
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        return _hosts.Count - 1;
    }

    /// <summary>A graceful stop of one server (its host's StopAsync), as a rolling deployment does.</summary>
    public async Task StopServerAsync(int server)
    {
        var host = Host(server);
        _hosts[server] = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }

    public SiloAddress SiloOf(int server) => Host(server).Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public IManagementGrain Management(int server) =>
        Host(server).Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);

    /// <summary>The servers on which an activation whose grain id names this conversation is active (public management API).</summary>
    public async Task<List<int>> ServersHostingAsync(ConversationId conversation, string typeHint = "conversation")
    {
        var guid = Guid.Parse(conversation.ToString()!);
        var keys = new[] { guid.ToString("N"), guid.ToString("D") };
        var via = Running.First();
        var stats = await Management(via).GetDetailedGrainStatistics();
        var silos = stats
            .Where(s => keys.Any(k => s.GrainId.ToString().Contains(k, StringComparison.OrdinalIgnoreCase)))
            .Where(s => s.GrainId.ToString().Contains(typeHint, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.SiloAddress)
            .ToList();
        return Running.Where(i => silos.Contains(SiloOf(i))).ToList();
    }

    public async Task<List<string>> GrainIdsAsync(ConversationId conversation)
    {
        var guid = Guid.Parse(conversation.ToString()!);
        var stats = await Management(Running.First()).GetDetailedGrainStatistics();
        return stats.Where(s => s.GrainId.ToString().Contains(guid.ToString("N"), StringComparison.OrdinalIgnoreCase)
                                || s.GrainId.ToString().Contains(guid.ToString("D"), StringComparison.OrdinalIgnoreCase))
            .Select(s => $"{s.GrainType} {s.GrainId} @{s.SiloAddress}").ToList();
    }

    public IEnumerable<T> EventsOf<T>() where T : LiveChatEvent => Recorder.Events.OfType<T>();

    /// <summary>Waits for a condition with a deadline (real time); optionally moves the engine's clock each round.</summary>
    public async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, TimeSpan? advanceEachRound = null)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            if (advanceEachRound is { } step)
            {
                Clock.Advance(step);
            }

            await Task.Delay(50);
        }

        return await condition();
    }

    public Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan deadline, TimeSpan? advanceEachRound = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), deadline, advanceEachRound);

    public async ValueTask DisposeAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            if (_hosts[i] is { } host)
            {
                _hosts[i] = null;
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    await host.StopAsync(timeout.Token);
                }
                catch
                {
                    // best effort
                }

                host.Dispose();
            }
        }

        NpgsqlConnection.ClearAllPools();
    }

    private sealed class WarningSink(ConcurrentQueue<string> sink, int server) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => new Named(sink, server, categoryName);
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => false;
        public void Log<TState>(LogLevel l, EventId e, TState s, Exception? x, Func<TState, Exception?, string> f) { }

        private sealed class Named(ConcurrentQueue<string> sink, int server, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
            public void Log<TState>(LogLevel l, EventId e, TState s, Exception? x, Func<TState, Exception?, string> f)
            {
                if (l >= LogLevel.Warning && category.StartsWith("LiveChat", StringComparison.Ordinal))
                {
                    sink.Enqueue($"[{server}] {l} {category}: {f(s, x)} {x?.GetType().Name} {x?.Message}");
                }
            }
        }
    }
}
