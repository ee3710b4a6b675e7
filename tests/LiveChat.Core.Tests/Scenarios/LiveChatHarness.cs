using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>A host app in miniature: the engine from DI with a fake clock, one workspace and helpers for common set-ups.</summary>
public sealed class LiveChatHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public LiveChatHarness(Action<LiveChatOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLiveChat(configure);
        _provider = services.BuildServiceProvider();
        Chat = _provider.GetRequiredService<LiveChatEngine>();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public LiveChatEngine Chat { get; }

    public WorkspaceId Workspace { get; } = new("acme");

    public IServiceProvider Services => _provider;

    public async Task<AgentId> OnlineAgentAsync(string id, int capacity = 5, WorkspaceId? workspace = null)
    {
        var agentId = new AgentId(id);
        var ws = workspace ?? Workspace;
        await Chat.Agents.RegisterAsync(ws, new AgentRegistration(agentId, $"Agent {id}", capacity));
        await Chat.Agents.SetStatusAsync(ws, agentId, AgentStatus.Online);
        return agentId;
    }

    public async Task<StartedConversation> StartAsync(string? visitorName = null, WorkspaceId? workspace = null)
        => await Chat.Conversations.StartAsync(workspace ?? Workspace, new StartConversationRequest { VisitorName = visitorName });

    /// <summary>A conversation owned by <paramref name="agent"/>, claimed from Unassigned.</summary>
    public async Task<StartedConversation> AssignedToAsync(AgentId agent)
    {
        var started = await StartAsync();
        await Chat.Conversations.ClaimAsync(Workspace, started.Conversation.Id, agent);
        return started;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
