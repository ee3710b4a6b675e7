// Round robin and capacity under concurrent, mixed load through three servers.
using System.Collections.Concurrent;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Issue18.Checks;

public sealed class LoadTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [ClusterFact]
    public async Task ThirtyConcurrentRequestsThroughThreeServers_AreSpreadWithinOneChat_AcrossFiveAgents()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace("rr");
        var agents = Enumerable.Range(0, 5).Select(i => new AgentId($"rr{i}")).ToArray();
        for (var i = 0; i < agents.Length; i++) await TimersInAClusterTests.OnlineAsync(cluster.Servers[i % 3], ws, agents[i], capacity: 20);

        var ids = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            var via = cluster.Servers[i % 3];
            var (c, t) = await via.Chat.Conversations.StartAsync(ws);
            await via.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
            return c.Id;
        }));
        await Wait.UntilAsync(async () => (await Task.WhenAll(ids.Select(id => cluster.A.Chat.Conversations.GetAsync(ws, id).AsTask())))
            .All(c => c.State == ConversationState.Assigned), Deadline, "all 30 assigned");
        var loads = (await Task.WhenAll(ids.Select(id => cluster.B.Chat.Conversations.GetAsync(ws, id).AsTask())))
            .GroupBy(c => c.AssignedAgentId!.Value).ToDictionary(g => g.Key, g => g.Count());
        agents.Select(a => loads.GetValueOrDefault(a)).Should().OnlyContain(n => n == 6,
            $"balanced round robin for the whole cluster: 30 over 5 agents is 6 each (got {string.Join(", ", loads.Select(kv => $"{kv.Key}={kv.Value}"))})");
    }

    [ClusterFact]
    public async Task MixedLoad_ForTenSeconds_NeverExceedsCapacity_NeverTwoOwners_AndLeavesNoSeatIdleWhileRequestsWait()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace("mix");
        const int capacity = 2;
        var agents = Enumerable.Range(0, 6).Select(i => new AgentId($"m{i}")).ToArray();
        for (var i = 0; i < agents.Length; i++) await TimersInAClusterTests.OnlineAsync(cluster.Servers[i % 3], ws, agents[i], capacity);

        var visitors = new ConcurrentBag<(ConversationId id, VisitorToken token)>();
        var violations = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var rnd = new Random(18);

        async Task Visitors(int lane)
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var via = cluster.Servers[(lane + n++) % 3];
                try
                {
                    var (c, t) = await via.Chat.Conversations.StartAsync(ws);
                    await via.Chat.Visitors.PostAsync(ws, c.Id, t, "hi", clientMessageId: "hi");
                    await via.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
                    visitors.Add((c.Id, t));
                }
                catch (LiveChatException) { }
            }
        }

        async Task Agents(int lane)
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var agent = agents[(lane + n) % agents.Length];
                var via = cluster.Servers[n++ % 3];
                try
                {
                    var mine = await via.Chat.Inbox.ListAsync(ws, agent, LiveChat.Core.Storage.InboxFolder.Mine, 10, null);
                    if (mine.Items.Count > capacity) violations.Enqueue($"{agent} holds {mine.Items.Count}");
                    if (mine.Items.Count > 0 && n % 2 == 0)
                        await via.Chat.Conversations.EndAsync(ws, mine.Items[0].Id, endedBy: agent);
                    else if (n % 7 == 0)
                    {
                        await via.Chat.Agents.SetStatusAsync(ws, agent, AgentStatus.Away);
                        await cluster.Servers[(n + 1) % 3].Chat.Agents.SetStatusAsync(ws, agent, AgentStatus.Online);
                    }
                    else await via.Chat.Agents.HeartbeatAsync(ws, agent);
                }
                catch (LiveChatException) { }
            }
        }

        await Task.WhenAll(Visitors(0), Visitors(1), Agents(0), Agents(3));
        violations.Should().BeEmpty("no agent ever holds more than its capacity, read through any server");
        RoutingAcrossServersTests.NoTwoOwnersAndCapacityKept(cluster, ws, capacity);

        // Settled: every agent Online and present; while requests still wait, no seat may stay idle.
        foreach (var (agent, i) in agents.Select((a, i) => (a, i)))
        {
            await cluster.Servers[i % 3].Chat.Agents.SetStatusAsync(ws, agent, AgentStatus.Online);
            await cluster.Servers[(i + 1) % 3].Chat.Agents.HeartbeatAsync(ws, agent);
        }

        await Wait.UntilAsync(async () =>
        {
            var all = await Task.WhenAll(visitors.Select(v => cluster.C.Chat.Conversations.GetAsync(ws, v.id).AsTask()));
            var waiting = all.Count(c => c.State == ConversationState.Unassigned);
            var assigned = all.Where(c => c.State == ConversationState.Assigned).GroupBy(c => c.AssignedAgentId).ToDictionary(g => g.Key!.Value, g => g.Count());
            if (assigned.Values.Any(v => v > capacity)) throw new Xunit.Sdk.XunitException("capacity exceeded in the store");
            var full = agents.All(a => assigned.GetValueOrDefault(a) == capacity);
            return waiting == 0 || full;
        }, Deadline, "while requests wait, every agent's seats are filled");
    }
}
