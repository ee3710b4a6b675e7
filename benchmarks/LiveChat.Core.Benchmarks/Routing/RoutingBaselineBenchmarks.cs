using BenchmarkDotNet.Attributes;

namespace LiveChat.Core.Benchmarks.Routing;

/// <summary>
/// The external baselines for routing, one assignment per operation: Chatwoot's round robin v1 on Redis, and a
/// PostgreSQL claim with and without a durable commit, over teams of <see cref="Agents"/> agents.
/// </summary>
/// <remarks>
/// <para>
/// Every iteration is <see cref="AssignmentsPerIteration"/> assignments, one after another on one connection. The
/// PostgreSQL claims come in rounds of that size: before each iteration, outside the measured time, the claimed
/// conversations go back to the queue and the agents get their starting loads back
/// (<see cref="PostgresClaimBaseline.ResetAsync"/>), so every iteration measures the same backlog and the same loads.
/// The round robin has no such state to restore: its rotation is its steady state.
/// </para>
/// <para>
/// The servers are the ones <c>LIVECHAT_REDIS</c> and <c>LIVECHAT_POSTGRES</c> name; a benchmark whose server is not
/// named fails. <c>benchmarks/run.sh</c> starts both, PostgreSQL with <c>fsync</c> on. The client and the servers share
/// the machine.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[ShortRunJob]
[InvocationCount(AssignmentsPerIteration)]
public class RoutingBaselineBenchmarks
{
    /// <summary>Assignments per iteration, and so the round size of the PostgreSQL claims.</summary>
    public const int AssignmentsPerIteration = 256;

    private ChatwootRoundRobinBaseline? _roundRobin;
    private PostgresClaimBaseline? _claim;

    [Params(10, 200, 1000, 10000)]
    public int Agents { get; set; }

    [GlobalSetup(Target = nameof(ChatwootRoundRobin))]
    public async Task SetUpRoundRobin()
    {
        _roundRobin = await ChatwootRoundRobinBaseline.CreateAsync(RoutingServers.Redis, Agents);

        // A rotation that works hands out every online agent once before it repeats one.
        var expected = Math.Min(_roundRobin.OnlineAgentCount, 64);
        var picked = new HashSet<long>();
        for (var i = 0; i < expected; i++)
        {
            picked.Add(await _roundRobin.AssignAsync());
        }

        if (picked.Count != expected || picked.Contains(0))
        {
            throw new InvalidOperationException($"The round robin picked {picked.Count} distinct agents in {expected} assignments.");
        }
    }

    [GlobalSetup(Target = nameof(PostgresClaimDurable))]
    public async Task SetUpDurableClaim()
        => _claim = await PostgresClaimBaseline.CreateAsync(RoutingServers.Postgres, Agents, AssignmentsPerIteration, durableCommit: true);

    [GlobalSetup(Target = nameof(PostgresClaimAsyncCommit))]
    public async Task SetUpAsyncCommitClaim()
        => _claim = await PostgresClaimBaseline.CreateAsync(RoutingServers.Postgres, Agents, AssignmentsPerIteration, durableCommit: false);

    [IterationSetup(Targets = [nameof(PostgresClaimDurable), nameof(PostgresClaimAsyncCommit)])]
    public void RequeueClaimed() => _claim!.ResetAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public async Task GlobalCleanup()
    {
        if (_roundRobin is not null)
        {
            await _roundRobin.DisposeAsync();
        }

        if (_claim is not null)
        {
            await _claim.DisposeAsync();
        }
    }

    /// <summary>Chatwoot round robin v1: presence, statuses, the whole list, then LREM + LPUSH of the pick.</summary>
    [Benchmark(Baseline = true)]
    public Task<long> ChatwootRoundRobin() => _roundRobin!.AssignAsync();

    /// <summary>A claim in one PostgreSQL transaction whose commit waits for the WAL flush.</summary>
    [Benchmark]
    public Task<long> PostgresClaimDurable() => _claim!.ClaimAsync();

    /// <summary>The same claim with <c>synchronous_commit = off</c>: the queries and locks without the flush wait.</summary>
    [Benchmark]
    public Task<long> PostgresClaimAsyncCommit() => _claim!.ClaimAsync();
}
