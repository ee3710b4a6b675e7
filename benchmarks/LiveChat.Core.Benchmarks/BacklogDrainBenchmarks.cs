using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Benchmarks;

/// <summary>
/// Backlog drain through the public API: 10,000 queued conversations, then 100 agents with capacity 100 come online one
/// after another. One operation is the 100 status changes, which route the whole backlog before they return.
/// </summary>
/// <remarks>
/// Each iteration builds a fresh engine on the embedded store (not measured), queues 10,000 requests while nobody is
/// online (they wait as offline requests, oldest first), then measures the agents coming online. The cleanup checks
/// that every conversation is assigned, so a run that routed less fails instead of looking fast.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class BacklogDrainBenchmarks
{
    public const int Backlog = 10_000;
    public const int AgentCount = 100;
    public const int Capacity = 100;

    private static readonly WorkspaceId Workspace = new("bench");

    private ServiceProvider _provider = null!;
    private LiveChatEngine _engine = null!;
    private List<ConversationId> _queued = [];

    [Params("round-robin", "least-busy")]
    public string Strategy { get; set; } = "round-robin";

    [IterationSetup]
    public void IterationSetup()
    {
        var services = new ServiceCollection();
        services.AddLiveChat(o => o.Routing.Strategy = Strategy == "round-robin" ? RoutingStrategy.RoundRobin : RoutingStrategy.LeastBusy);
        _provider = services.BuildServiceProvider();
        _engine = _provider.GetRequiredService<LiveChatEngine>();
        _queued = [];
        for (var i = 0; i < AgentCount; i++)
        {
            _engine.Agents.RegisterAsync(Workspace, new AgentRegistration(new AgentId($"agent-{i:D3}"), $"Agent {i}", Capacity)).AsTask().GetAwaiter().GetResult();
        }

        for (var i = 0; i < Backlog; i++)
        {
            var started = _engine.Conversations.StartAsync(Workspace).AsTask().GetAwaiter().GetResult();
            _engine.Conversations.RequestAgentAsync(Workspace, started.Conversation.Id).AsTask().GetAwaiter().GetResult();
            _queued.Add(started.Conversation.Id);
        }
    }

    [Benchmark]
    public async Task AgentsComeOnline_AndTakeTheBacklog()
    {
        for (var i = 0; i < AgentCount; i++)
        {
            await _engine.Agents.SetStatusAsync(Workspace, new AgentId($"agent-{i:D3}"), AgentStatus.Online);
        }
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        var waiting = _queued.Count(id => _engine.Conversations.GetAsync(Workspace, id).AsTask().GetAwaiter().GetResult().State != ConversationState.Assigned);
        _provider.Dispose();
        if (waiting > 0)
        {
            throw new InvalidOperationException($"{waiting} of {Backlog} conversations were still waiting after the agents came online.");
        }
    }
}
