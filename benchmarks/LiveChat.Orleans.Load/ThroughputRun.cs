using System.Diagnostics;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Load;

/// <summary>
/// Steady load on one deployment: 20 agents of capacity 5, online through the silos in turn; visitor workers, spread over
/// the silos, each loop start → post → ask for a human → post → leave (which frees the agent). Counts assignments (a
/// request answered Assigned) and times every visitor post, after a warm-up.
/// </summary>
internal static class ThroughputRun
{
    public const int Agents = 20;
    public const int Capacity = 5;

    public sealed record Result(string Deployment, int Workers, TimeSpan Measured, int Assignments, int Posts, double P50Ms, double P99Ms)
    {
        public double AssignmentsPerSecond => Assignments / Measured.TotalSeconds;
    }

    public static async Task<Result> RunAsync(string name, Deployment deployment, int workers, TimeSpan warmUp, TimeSpan measured)
    {
        var engines = deployment.Engines;
        var ws = new WorkspaceId("load");
        for (var i = 0; i < Agents; i++)
        {
            var agent = new AgentId($"agent-{i:D2}");
            await engines[0].Agents.RegisterAsync(ws, new AgentRegistration(agent, agent.Value, Capacity));
            await engines[i % engines.Count].Agents.SetStatusAsync(ws, agent, AgentStatus.Online);
        }

        var clock = Stopwatch.StartNew();
        var from = warmUp;
        var until = warmUp + measured;
        var assignments = 0;
        var latencies = new List<double>[workers];
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var chat = engines[w % engines.Count];
            var mine = latencies[w] = [];
            while (clock.Elapsed < until)
            {
                var (conversation, token) = await chat.Conversations.StartAsync(ws);
                await TimedPostAsync(chat, ws, conversation.Id, token, "hello", mine, clock, from);
                var outcome = await chat.Visitors.RequestAgentAsync(ws, conversation.Id, token);
                if (outcome == HandoffOutcome.Assigned && clock.Elapsed >= from && clock.Elapsed < until)
                {
                    Interlocked.Increment(ref assignments);
                }

                await TimedPostAsync(chat, ws, conversation.Id, token, "thanks", mine, clock, from);
                await chat.Visitors.EndAsync(ws, conversation.Id, token);
            }
        })));

        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Result(name, workers, measured, assignments, all.Count, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static async Task TimedPostAsync(
        LiveChatEngine chat, WorkspaceId ws, ConversationId id, VisitorToken token, string text, List<double> into, Stopwatch clock, TimeSpan from)
    {
        var started = clock.Elapsed;
        await chat.Visitors.PostAsync(ws, id, token, text);
        if (started >= from)
        {
            into.Add((clock.Elapsed - started).TotalMilliseconds);
        }
    }

    private static double Percentile(List<double> sorted, double p)
        => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
