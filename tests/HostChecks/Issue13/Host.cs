using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.HostChecks.Shared;
using LiveChat.Core.Email;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LiveChat.Issue13.Checks;

public enum StoreKind { InMemory, Sqlite, PostgreSql }

/// <summary>A host application as a developer would wire it: DI, a fake clock, one store.</summary>
public sealed class TestHost : IAsyncDisposable
{
    public ServiceProvider Provider { get; }
    public LiveChatEngine Chat { get; }
    public FakeTimeProvider Time { get; }
    public WorkspaceId Ws { get; }
    private readonly string? _file;

    private TestHost(ServiceProvider provider, FakeTimeProvider time, WorkspaceId ws, string? file)
    {
        Provider = provider; Chat = provider.GetRequiredService<LiveChatEngine>(); Time = time; Ws = ws; _file = file;
    }

    public static TestHost Create(Action<LiveChatOptions>? configure = null, StoreKind store = StoreKind.InMemory,
        DateTimeOffset? start = null)
    {
        var time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ICrmGateway>(new ActivitySignalingCrm(new InMemoryCrm(time)));
        var builder = services.AddLiveChat(o =>
        {
            o.Routing.PresenceTimeout = TimeSpan.FromDays(1);
            configure?.Invoke(o);
        });
        string? file = null;
        switch (store)
        {
            case StoreKind.Sqlite:
                file = Path.Combine(Path.GetTempPath(), $"lc-issue13-{Guid.NewGuid():N}.db");
                builder.UseSqlite($"Data Source={file}");
                break;
            case StoreKind.PostgreSql:
                var cs = Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES")
                         ?? throw new InvalidOperationException("LIVECHAT_POSTGRES is not set");
                builder.UsePostgreSql(cs);
                break;
        }
        var provider = services.BuildServiceProvider();
        // A fresh workspace per host, so a shared PostgreSQL database never mixes runs.
        return new TestHost(provider, time, new WorkspaceId("ws-" + Guid.NewGuid().ToString("N")[..12]), file);
    }

    public async Task<AgentId> AgentAsync(string id, int capacity = 5, AgentStatus status = AgentStatus.Online, params string[] teams)
    {
        var agent = new AgentId(id);
        await Chat.Agents.RegisterAsync(Ws, new AgentRegistration(agent, id.ToUpperInvariant(), capacity)
        {
            Teams = teams.Select(t => new TeamId(t)).ToArray(),
        });
        if (status != AgentStatus.Offline) await Chat.Agents.SetStatusAsync(Ws, agent, status);
        return agent;
    }

    public async Task<StartedConversation> StartAsync(string? channel = null)
        => await Chat.Conversations.StartAsync(Ws, channel is null ? null : new StartConversationRequest { Channel = channel });

    public void ConfigureEmail(string language = "en", string? link = null, Func<EmailSettings, EmailSettings>? tweak = null)
    {
        var settings = new EmailSettings
        {
            Sender = EmailAddress.Create("support@acme.example", "ACME Support"),
            DefaultLanguage = language,
            ConversationLinkTemplate = link,
        };
        Chat.Email.Configure(Ws, tweak is null ? settings : tweak(settings));
    }

    /// <summary>
    /// Waits until the CRM record has a chat entry: the transcript copy to the feed follows the end event off the
    /// caller's path, so this waits for the CRM's signal of an added activity, with a deadline, never the clock.
    /// </summary>
    public async Task WhenChatCopiedAsync(CrmRecordId record, TimeSpan? deadline = null)
    {
        var crm = (ActivitySignalingCrm)Chat.Crm.Gateway;
        if ((await crm.ActivitiesAsync(Ws, record, CrmActivityType.Chat, 1, deadline)).Count == 0)
        {
            throw new TimeoutException($"No chat entry reached CRM record {record} in time.");
        }
    }

    public async Task<int> LoadAsync(AgentId agent) => (await Chat.Agents.GetAsync(Ws, agent)).OpenConversations;

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        if (_file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
                try { File.Delete(f); } catch { /* best effort */ }
        }
    }
}

/// <summary>Collects the events the SDK publishes for one workspace.</summary>
public sealed class EventLog : IAsyncDisposable
{
    private readonly EventSubscription _sub;
    private readonly List<LiveChatEvent> _seen = new();
    public EventLog(TestHost host) => _sub = host.Chat.Events.Subscribe(host.Ws);

    /// <summary>Everything published so far (waits briefly for late events).</summary>
    public async Task<IReadOnlyList<LiveChatEvent>> DrainAsync(int quietMs = 250)
    {
        while (true)
        {
            using var cts = new CancellationTokenSource(quietMs);
            try
            {
                var e = await _sub.Reader.ReadAsync(cts.Token);
                _seen.Add(e);
            }
            catch (OperationCanceledException) { return _seen.ToList(); }
        }
    }

    /// <summary>
    /// The conversation's agent notifications. The SDK publishes after the call returns, so this first waits, with a
    /// 10 s deadline, for the conversation's first notification, then for quiet.
    /// </summary>
    public async Task<IReadOnlyList<AgentNotification>> NotificationsAsync(ConversationId id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (!_seen.OfType<AgentNotification>().Any(n => n.ConversationId == id))
                _seen.Add(await _sub.Reader.ReadAsync(deadline.Token));
        }
        catch (OperationCanceledException) { /* none came: the caller's assertion says what was expected */ }

        return (await DrainAsync()).OfType<AgentNotification>().Where(n => n.ConversationId == id).ToList();
    }

    public ValueTask DisposeAsync() => _sub.DisposeAsync();
}

public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES")))
            Skip = "LIVECHAT_POSTGRES is not set";
    }
}

public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES")))
            Skip = "LIVECHAT_POSTGRES is not set";
    }
}
