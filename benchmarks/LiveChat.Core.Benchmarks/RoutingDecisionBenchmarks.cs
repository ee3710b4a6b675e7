using BenchmarkDotNet.Attributes;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Benchmarks;

/// <summary>
/// The routing core's decision step, and decision plus apply, at 10, 1,000 and 10,000 agents per strategy, against
/// baseline (a): a naive LINQ scan over all agents that picks the same agent.
/// </summary>
/// <remarks>
/// <para>
/// Every agent is online and present with capacity 1,000; loads start spread over 0 to 9 open chats and one agent in
/// seven is full, so the indexes have work to skip. <see cref="DecideAndApply"/> decides, holds the seat (moving the
/// round-robin rotation and the agent's least-busy level) and gives the seat back, the way a committed assignment is
/// later balanced by an ended one: the table stays in a steady state, so allocations per call are the steady state's.
/// </para>
/// <para>Single-threaded, as the router runs decisions under the workspace's lock; the lock is not measured.</para>
/// </remarks>
[MemoryDiagnoser]
[ShortRunJob]
public class RoutingDecisionBenchmarks
{
    private const int Capacity = 1000;

    private RoutingTable _table = null!;
    private NaiveAgent[] _naive = [];
    private RoutingStrategy _strategy = null!;
    private int _naiveCursor = -1;
    private long _now;

    [Params(10, 1_000, 10_000)]
    public int Agents { get; set; }

    [Params("round-robin", "least-busy")]
    public string Strategy { get; set; } = "round-robin";

    [GlobalSetup]
    public void GlobalSetup()
    {
        _strategy = Strategy == "round-robin" ? RoutingStrategy.RoundRobin : RoutingStrategy.LeastBusy;
        _table = new RoutingTable();
        _naive = new NaiveAgent[Agents];
        var start = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        _now = start.UtcTicks;
        for (var i = 0; i < Agents; i++)
        {
            var open = i % 7 == 6 ? Capacity : i % 10;
            var agent = new Agent
            {
                Workspace = new WorkspaceId("bench"),
                Id = new AgentId($"agent-{i:D5}"),
                DisplayName = $"Agent {i}",
                MaxConcurrentConversations = Capacity,
                Status = AgentStatus.Online,
                OpenConversations = open,
                LastSeenAt = start,
            };
            _table.Upsert(agent, present: true, _now + i);
            _naive[i] = new NaiveAgent(i, AgentStatus.Online, open, Capacity, _now + i);
        }
    }

    /// <summary>Baseline (a): filter every agent, then order them (least busy) or scan past the cursor (round robin).</summary>
    [Benchmark(Baseline = true)]
    public int NaiveLinqScan()
    {
        if (Strategy == "round-robin")
        {
            var cursor = _naiveCursor;
            var next = _naive.Where(a => a.IsAvailable).FirstOrDefault(a => a.Index > cursor) ?? _naive.Where(a => a.IsAvailable).FirstOrDefault();
            _naiveCursor = next?.Index ?? -1;
            return _naiveCursor;
        }

        return _naive.Where(a => a.IsAvailable).OrderBy(a => a.Open).ThenBy(a => a.IdleSince).First().Index;
    }

    /// <summary>The pure decision step alone.</summary>
    [Benchmark]
    public int Decide() => _table.Decide(RoutingTarget.Workspace, _strategy).Ordinal;

    /// <summary>Decision, then the apply step (hold the seat, move the rotation), then the seat given back.</summary>
    [Benchmark]
    public int DecideAndApply()
    {
        var decision = _table.Decide(RoutingTarget.Workspace, _strategy);
        _table.Apply(decision, ++_now);
        _table.Release(decision.Ordinal, ++_now);
        return decision.Ordinal;
    }

    private sealed record NaiveAgent(int Index, AgentStatus Status, int Open, int Capacity, long IdleSince)
    {
        public bool IsAvailable => Status == AgentStatus.Online && Open < Capacity;
    }
}
