using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.HostChecks.Shared;
using LiveChat.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LiveChat.Issue13b.Checks;

public enum StoreKind { InMemory, Sqlite, PostgreSql }

/// <summary>
/// A host application wired as a developer would: DI, a fake clock, one store, and a CRM that lives outside the
/// process (one <see cref="InMemoryCrm"/> instance shared by every "process" of a test, as a real CRM would be).
/// <see cref="RestartAsync"/> disposes the provider and builds a new one on the same store, workspace and CRM.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private ServiceProvider _provider;
    public LiveChatEngine Chat { get; private set; }
    public FakeTimeProvider Time { get; }
    public WorkspaceId Ws { get; }
    public ActivitySignalingCrm Crm { get; }
    public StoreKind Store { get; }
    public IdentitySettings Settings { get; private set; }
    private readonly string? _file;
    private readonly string? _pg;

    private TestHost(StoreKind store, FakeTimeProvider time, WorkspaceId ws, ActivitySignalingCrm crm, string? file, string? pg,
        IdentitySettings settings)
    {
        Store = store; Time = time; Ws = ws; Crm = crm; _file = file; _pg = pg; Settings = settings;
        _provider = Build();
        Chat = _provider.GetRequiredService<LiveChatEngine>();
        Chat.Identity.Configure(Ws, Settings);
    }

    public static TestHost Create(StoreKind store = StoreKind.InMemory, IdentitySettings? settings = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        string? file = store == StoreKind.Sqlite
            ? Path.Combine(Path.GetTempPath(), $"lc-issue13b-{Guid.NewGuid():N}.db") : null;
        string? pg = store == StoreKind.PostgreSql
            ? Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES") ?? throw new InvalidOperationException("LIVECHAT_POSTGRES is not set")
            : null;
        // A fresh workspace per host, so a shared PostgreSQL database never mixes runs.
        var ws = new WorkspaceId("ws-" + Guid.NewGuid().ToString("N")[..12]);
        return new TestHost(store, time, ws, new ActivitySignalingCrm(new InMemoryCrm(time)), file, pg,
            settings ?? new IdentitySettings { DefaultRegion = "FR" });
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ICrmGateway>(Crm);
        var builder = services.AddLiveChat(o => o.Routing.PresenceTimeout = TimeSpan.FromDays(1));
        if (_file is not null) builder.UseSqlite($"Data Source={_file}");
        if (_pg is not null) builder.UsePostgreSql(_pg);
        return services.BuildServiceProvider();
    }

    /// <summary>Stops the "process" and starts a new one on the same store, workspace and CRM.</summary>
    public async Task RestartAsync()
    {
        if (Store == StoreKind.InMemory) throw new InvalidOperationException("an in-memory store does not survive a restart");
        await _provider.DisposeAsync();
        if (_file is not null) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _provider = Build();
        Chat = _provider.GetRequiredService<LiveChatEngine>();
        Chat.Identity.Configure(Ws, Settings); // settings are configuration: each process sets them
    }

    public async Task<AgentId> AgentAsync(string id, int capacity = 5)
    {
        var agent = new AgentId(id);
        await Chat.Agents.RegisterAsync(Ws, new AgentRegistration(agent, id.ToUpperInvariant(), capacity));
        await Chat.Agents.SetStatusAsync(Ws, agent, AgentStatus.Online);
        return agent;
    }

    public async Task<StartedConversation> StartAsync(string channel = "webchat", string? visitorName = null)
        => await Chat.Conversations.StartAsync(Ws, new StartConversationRequest { Channel = channel, VisitorName = visitorName });

    /// <summary>An existing CRM client, created the way the CRM's own users would (not by the SDK).</summary>
    public Task<CrmRecord> ClientAsync(string name, string? email = null, string? phone = null,
        CrmRecordKind kind = CrmRecordKind.Person)
        => Crm.CreateAsync(Ws, new CrmRecordDraft { Kind = kind, Name = name, Email = email, Phone = phone }).AsTask();

    public Task<IReadOnlyList<CrmActivity>> FeedAsync(CrmRecordId id, CrmActivityType? type = null)
        => Crm.ListActivitiesAsync(Ws, id, type).AsTask();

    /// <summary>
    /// The record's chat entries once it has at least <paramref name="count"/>: the transcript copy to the CRM follows the
    /// end off the caller's path, so this waits for the CRM's signal of an added activity (10 s deadline), never the clock.
    /// </summary>
    public Task<IReadOnlyList<CrmActivity>> ChatFeedAsync(CrmRecordId id, int count)
        => Crm.ActivitiesAsync(Ws, id, CrmActivityType.Chat, count);

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        if (_file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
                try { File.Delete(f); } catch { /* best effort */ }
        }
    }
}

public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES")))
            Skip = "LIVECHAT_POSTGRES is not set";
    }
}
