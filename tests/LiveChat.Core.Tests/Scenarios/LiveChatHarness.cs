using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>A host app in miniature: the engine from DI with a fake clock, one workspace and helpers for common set-ups.</summary>
public sealed class LiveChatHarness : IAsyncDisposable
{
    private readonly IServiceProvider _provider;
    private readonly IHarnessCluster? _cluster;

    public LiveChatHarness(Action<LiveChatOptions>? configure = null, Action<IServiceCollection>? register = null, DateTimeOffset? start = null)
    {
        Clock = new(start ?? new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        void Register(IServiceCollection services)
        {
            services.AddSingleton<TimeProvider>(Clock);
            register?.Invoke(services);
            services.AddLiveChat(configure);
        }

        (_provider, _cluster) = Host(Register);
        Chat = _provider.GetRequiredService<LiveChatEngine>();
    }

    /// <summary>The engine's services from <paramref name="register"/>: on the <see cref="Cluster"/> when one is set, else one provider.</summary>
    public static (IServiceProvider Services, IHarnessCluster? Cluster) Host(Action<IServiceCollection> register)
    {
        if (Cluster is { } cluster)
        {
            var built = cluster(register);
            return (built.Services, built);
        }

        var services = new ServiceCollection();
        register(services);
        return (services.BuildServiceProvider(), null);
    }

    /// <summary>
    /// When set (once, by a test project's module initializer), every harness runs its engine on the cluster this
    /// builds from the harness's registrations, instead of on one service provider.
    /// </summary>
    public static Func<Action<IServiceCollection>, IHarnessCluster>? Cluster { get; set; }

    public FakeTimeProvider Clock { get; }

    public LiveChatEngine Chat { get; }

    public WorkspaceId Workspace { get; } = new("acme");

    public IServiceProvider Services => _provider;

    public async Task<AgentId> OnlineAgentAsync(string id, int capacity = 5, WorkspaceId? workspace = null, params string[] teams)
    {
        var agentId = new AgentId(id);
        var ws = workspace ?? Workspace;
        await Chat.Agents.RegisterAsync(ws, new AgentRegistration(agentId, $"Agent {id}", capacity) { Teams = [.. teams.Select(t => new TeamId(t))] });
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

    public async Task<TeamId> TeamAsync(string id, string? fallback = null)
    {
        var team = new Team(new TeamId(id), id.ToUpperInvariant(), fallback is null ? null : new TeamId(fallback));
        await Chat.Agents.DefineTeamAsync(Workspace, team);
        return team.Id;
    }

    /// <summary>A conversation whose visitor asked for a human, with its handoff outcome.</summary>
    public async Task<HandoffResult> RequestAsync(RoutingTarget? target = null)
    {
        var started = await StartAsync();
        return await Chat.Conversations.RequestAgentAsync(Workspace, started.Conversation.Id, target);
    }

    /// <summary>Moves the fake clock and waits for the routing work its timers started.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await SettleAsync();
    }

    /// <summary>Waits for routing work started by timers (offer leases, presence, requeue grace) and for the reactions off the caller's path.</summary>
    public Task SettleAsync() => _cluster?.SettleAsync() ?? Settle.AllAsync(_provider);

    /// <summary>Every agent notification the subscription holds once the engine settled, in order; other events are skipped.</summary>
    public async Task<List<AgentNotification>> NotificationsAsync(EventSubscription subscription)
    {
        await SettleAsync();
        return Notifications(subscription);
    }

    /// <summary>Every agent notification the subscription holds now, in order; other events are skipped.</summary>
    public static List<AgentNotification> Notifications(EventSubscription subscription)
    {
        var all = new List<AgentNotification>();
        while (subscription.Reader.TryRead(out var e))
        {
            if (e is AgentNotification n)
            {
                all.Add(n);
            }
        }

        return all;
    }

    public ValueTask DisposeAsync() => _cluster?.DisposeAsync() ?? ((ServiceProvider)_provider).DisposeAsync();
}
