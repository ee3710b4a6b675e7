using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>A host in miniature for playbook scenarios: the engine with a fake clock, recorded logs and an event subscription.</summary>
public sealed class PlaybookHarness : IAsyncDisposable
{
    private readonly IServiceProvider _provider;
    private readonly IHarnessCluster? _cluster;

    /// <summary>The engine on one service provider, or on a cluster when a test project set <see cref="LiveChatHarness.Cluster"/>.</summary>
    public PlaybookHarness(Action<LiveChatOptions>? configure = null, Action<IServiceCollection>? register = null)
    {
        void Register(IServiceCollection services)
        {
            services.AddSingleton<TimeProvider>(Clock);
            register?.Invoke(services);
            services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
            services.AddLiveChat(configure);
        }

        (_provider, _cluster) = LiveChatHarness.Host(Register);
        Chat = _provider.GetRequiredService<LiveChatEngine>();
        Events = Chat.Events.Subscribe(Workspace);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public RecordingLoggerProvider Logs { get; } = new();

    public LiveChatEngine Chat { get; }

    public WorkspaceId Workspace { get; } = new("acme");

    public EventSubscription Events { get; }

    public IServiceProvider Services => _provider;

    public Task PublishAsync(Playbook playbook) => Chat.Playbooks.PublishAsync(Workspace, playbook).AsTask();

    public async Task<AgentId> OnlineAgentAsync(string id, int capacity = 5, params string[] teams)
    {
        var agentId = new AgentId(id);
        await Chat.Agents.RegisterAsync(Workspace, new AgentRegistration(agentId, $"Agent {id}", capacity) { Teams = [.. teams.Select(t => new TeamId(t))] });
        await Chat.Agents.SetStatusAsync(Workspace, agentId, AgentStatus.Online);
        return agentId;
    }

    public async Task TeamsAsync(params string[] ids)
    {
        foreach (var id in ids)
        {
            await Chat.Agents.DefineTeamAsync(Workspace, new Team(new TeamId(id), id.ToUpperInvariant()));
        }
    }

    public async Task<StartedConversation> StartAsync(string channel = "webchat")
        => await Chat.Conversations.StartAsync(Workspace, new StartConversationRequest { Channel = channel });

    public async Task SayAsync(StartedConversation started, string text)
        => await Chat.Visitors.PostAsync(Workspace, started.Conversation.Id, started.VisitorToken, text, Guid.NewGuid().ToString("N"));

    public async Task<List<ChatMessage>> MessagesAsync(StartedConversation started)
        => [.. await Chat.Conversations.GetMessagesAsync(Workspace, started.Conversation.Id, 0, 1000)];

    public async Task<List<string>> BotSaysAsync(StartedConversation started)
        => [.. (await MessagesAsync(started)).Where(m => m.Sender.Kind == SenderKind.Bot).Select(m => m.Text)];

    public async Task<string> LastBotTextAsync(StartedConversation started) => (await BotSaysAsync(started)).Last();

    public async Task<PlaybookRun> RunAsync(StartedConversation started)
        => (await Chat.Playbooks.GetRunAsync(Workspace, started.Conversation.Id))!;

    public async Task<Conversation> ConversationAsync(StartedConversation started)
        => await Chat.Conversations.GetAsync(Workspace, started.Conversation.Id);

    /// <summary>Moves the fake clock and waits for the timed cards and routing work it started.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await _provider.GetRequiredService<PlaybookService>().WhenIdleAsync();
        await SettleAsync();
    }

    private Task SettleAsync() => _cluster?.SettleAsync() ?? Settle.AllAsync(_provider);

    /// <summary>The forms requested so far; other events are skipped.</summary>
    public async Task<List<PlaybookFormRequested>> FormsAsync()
    {
        await SettleAsync();
        var forms = new List<PlaybookFormRequested>();
        while (Events.Reader.TryRead(out var e))
        {
            if (e is PlaybookFormRequested form)
            {
                forms.Add(form);
            }
        }

        return forms;
    }

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        await (_cluster?.DisposeAsync() ?? ((ServiceProvider)_provider).DisposeAsync());
    }
}
