using System.Diagnostics;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Orleans.Load;

/// <summary>
/// The time to load one workspace's routing table when it has N agents, each present through their agent grain (spread
/// over the silos): the load reads every agent's last heartbeat from their grain. Each round unloads the table on every
/// silo (the router grain stays active) and times the next routing call, which loads it again.
/// </summary>
internal static class AgentLoadRun
{
    public sealed record Result(int Silos, int Agents, int Rounds, double MedianMs, double MinMs, double MaxMs);

    public static async Task<Result> RunAsync(Deployment deployment, int silos, int agents, int rounds)
    {
        var engines = deployment.Engines;
        var ws = new WorkspaceId("agents");
        await Parallel.ForEachAsync(Enumerable.Range(0, agents), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var engine = engines[i % engines.Count];
            var id = new AgentId($"agent-{i}");
            await engine.Agents.RegisterAsync(ws, new AgentRegistration(id, $"Agent {i}", 5), ct);
            await engine.Agents.SetStatusAsync(ws, id, AgentStatus.Online, ct);
            await engine.Agents.HeartbeatAsync(ws, id, ct);
        });

        var times = new List<double>();
        for (var round = 0; round < rounds + 1; round++)
        {
            foreach (var silo in deployment.Silos)
            {
                silo.GetRequiredService<InProcessRouting>().Unload(ws);
            }

            var watch = Stopwatch.StartNew();
            if (!await engines[0].Agents.IsAvailableAsync(ws))
            {
                throw new InvalidOperationException("the loaded table has no agent available");
            }

            if (round > 0)
            {
                // Round 0 warms up (code jitted, connections open).
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return new Result(silos, agents, rounds, times[times.Count / 2], times[0], times[^1]);
    }
}
