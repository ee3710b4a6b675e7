// X7: routing decisions made once for the whole cluster (R3, R5, R8), woken by events from any server (no polling).
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Transport;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Issue18.Checks;

public sealed class RoutingAcrossServersTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [ClusterFact]
    public async Task QueuedThroughA_IsAssigned_WhenAnAgentComesOnlineThroughB_WithTheClockStandingStill()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup { Clock = clock });
        var ws = Ids.Workspace();
        var alice = new AgentId("alice");
        // B knows the workspace before A queues anything (so B cannot just find A's request when it first loads it).
        await cluster.B.Chat.Agents.RegisterAsync(ws, new AgentRegistration(alice, "Alice", MaxConcurrentConversations: 3));
        (await cluster.B.Chat.Agents.IsAvailableAsync(ws, LiveChat.Core.Routing.RoutingTarget.Workspace)).Should().BeFalse();
        await cluster.B.Chat.Agents.SetStatusAsync(ws, alice, AgentStatus.Away);

        var (conversation, token) = await cluster.A.Chat.Conversations.StartAsync(ws);
        await cluster.A.Chat.Visitors.PostAsync(ws, conversation.Id, token, "I need a quote", clientMessageId: "m1");
        await cluster.A.Chat.Visitors.RequestAgentAsync(ws, conversation.Id, token); // nobody online: waits

        (await cluster.C.Chat.Conversations.GetAsync(ws, conversation.Id)).AssignedAgentId.Should().BeNull();

        var now = clock.GetUtcNow();
        await cluster.B.Chat.Agents.SetStatusAsync(ws, alice, AgentStatus.Online);
        await cluster.B.Chat.Agents.HeartbeatAsync(ws, alice);

        await Wait.UntilAsync(async () =>
            (await cluster.C.Chat.Conversations.GetAsync(ws, conversation.Id)) is { State: ConversationState.Assigned } c &&
            c.AssignedAgentId == alice, Deadline, "the request queued on A assigned to Alice who came online on B");
        clock.GetUtcNow().Should().Be(now, "the fake clock never advanced: the router was woken by the event, not by a timer");
    }

    [ClusterFact]
    public async Task RoundRobin_IsOneTurnForTheCluster_AndFair_WhenRequestsArriveThroughEveryServer()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace();
        var agents = new[] { new AgentId("a1"), new AgentId("a2"), new AgentId("a3") };
        for (var i = 0; i < agents.Length; i++)
        {
            var via = cluster.Servers[i];
            await via.Chat.Agents.RegisterAsync(ws, new AgentRegistration(agents[i], $"Agent {i}", MaxConcurrentConversations: 10));
            await via.Chat.Agents.SetStatusAsync(ws, agents[i], AgentStatus.Online);
            await via.Chat.Agents.HeartbeatAsync(ws, agents[i]);
        }

        // Sequential requests, each through the next server: balanced round robin gives 3 each out of 9.
        var ids = new List<ConversationId>();
        for (var i = 0; i < 9; i++)
        {
            var via = cluster.Servers[i % 3];
            var (c, t) = await via.Chat.Conversations.StartAsync(ws);
            await via.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
            ids.Add(c.Id);
        }

        await Wait.UntilAsync(async () =>
        {
            var all = await Task.WhenAll(ids.Select(id => cluster.B.Chat.Conversations.GetAsync(ws, id).AsTask()));
            return all.All(c => c.State == ConversationState.Assigned);
        }, Deadline, "all 9 requests assigned");
        var owners = (await Task.WhenAll(ids.Select(id => cluster.C.Chat.Conversations.GetAsync(ws, id).AsTask())))
            .GroupBy(c => c.AssignedAgentId!.Value).ToDictionary(g => g.Key, g => g.Count());
        owners.Should().HaveCount(3).And.OnlyContain(kv => kv.Value == 3, "one round-robin turn for the whole cluster");
    }

    [ClusterFact]
    public async Task Capacity_IsNeverExceeded_AndFreeSeatsAreFilled_UnderConcurrentLoadThroughThreeServers()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace();
        var agents = new[] { new AgentId("cap-1"), new AgentId("cap-2") };
        for (var i = 0; i < agents.Length; i++)
        {
            var via = cluster.Servers[i + 1];
            await via.Chat.Agents.RegisterAsync(ws, new AgentRegistration(agents[i], $"Agent {i}", MaxConcurrentConversations: 3));
            await via.Chat.Agents.SetStatusAsync(ws, agents[i], AgentStatus.Online);
            await via.Chat.Agents.HeartbeatAsync(ws, agents[i]);
        }

        // 30 visitors ask at once through all three servers.
        var started = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            var via = cluster.Servers[i % 3];
            var (c, t) = await via.Chat.Conversations.StartAsync(ws);
            await via.Chat.Visitors.PostAsync(ws, c.Id, t, $"hello {i}", clientMessageId: $"m{i}");
            await via.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
            return (c.Id, t, via);
        }));

        async Task<Conversation[]> ReadAll() =>
            await Task.WhenAll(started.Select(s => cluster.A.Chat.Conversations.GetAsync(ws, s.Id).AsTask()));

        await Wait.UntilAsync(async () => (await ReadAll()).Count(c => c.State == ConversationState.Assigned) == 6,
            Deadline, "exactly 6 of 30 assigned (2 agents x capacity 3)");
        var snapshot = await ReadAll();
        snapshot.Where(c => c.State == ConversationState.Assigned).GroupBy(c => c.AssignedAgentId)
            .Should().HaveCount(2).And.OnlyContain(g => g.Count() == 3);
        await Wait.StaysAsync(async () => (await ReadAll()).Count(c => c.State == ConversationState.Assigned) == 6,
            TimeSpan.FromSeconds(2), "no agent gets a 4th chat");

        // Agents end their chats through varying servers: each freed seat is filled from the backlog, oldest first.
        var ended = 0;
        foreach (var c in snapshot.Where(c => c.State == ConversationState.Assigned))
        {
            var via = cluster.Servers[ended++ % 3];
            await via.Chat.Conversations.EndAsync(ws, c.Id, endedBy: c.AssignedAgentId);
        }

        await Wait.UntilAsync(async () =>
        {
            var all = await ReadAll();
            return all.Count(c => c.State == ConversationState.Assigned) == 6 && all.Count(c => c.State == ConversationState.Ended) == 6;
        }, Deadline, "the 6 freed seats filled again from the backlog");

        var load = (await ReadAll()).Where(c => c.State == ConversationState.Assigned).GroupBy(c => c.AssignedAgentId!.Value)
            .ToDictionary(g => g.Key, g => g.Count());
        load.Values.Should().OnlyContain(n => n <= 3);

        // From the events of all servers: replay assignments in commit order per conversation and check the
        // high-water mark of each agent's load never exceeded capacity.
        NoTwoOwnersAndCapacityKept(cluster, ws, capacity: 3);
    }

    [ClusterFact]
    public async Task ConcurrentClaims_ThroughThreeServers_GiveOneOwner_OthersGetAlreadyClaimed()
    {
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Options = o => o.Routing.Strategy = LiveChat.Core.Routing.RoutingStrategy.Manual,
        });
        var ws = Ids.Workspace();
        var agents = Enumerable.Range(0, 9).Select(i => new AgentId($"claimer-{i}")).ToArray();
        foreach (var (agent, i) in agents.Select((a, i) => (a, i)))
        {
            var via = cluster.Servers[i % 3];
            await via.Chat.Agents.RegisterAsync(ws, new AgentRegistration(agent, agent.ToString(), 5));
            await via.Chat.Agents.SetStatusAsync(ws, agent, AgentStatus.Online);
            await via.Chat.Agents.HeartbeatAsync(ws, agent);
        }

        for (var round = 0; round < 5; round++)
        {
            var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
            await cluster.A.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
            var results = await Task.WhenAll(agents.Select(async (agent, i) =>
            {
                try
                {
                    await cluster.Servers[i % 3].Chat.Conversations.ClaimAsync(ws, c.Id, agent);
                    return (agent, error: (Exception?)null);
                }
                catch (Exception e) { return (agent, error: e); }
            }));
            results.Count(r => r.error is null).Should().Be(1, "first claim wins, never two");
            results.Where(r => r.error is not null).Select(r => r.error)
                .Should().AllBeOfType<ConversationAlreadyClaimedException>();
            var winner = results.Single(r => r.error is null).agent;
            (await cluster.C.Chat.Conversations.GetAsync(ws, c.Id)).AssignedAgentId.Should().Be(winner);
        }

        NoTwoOwnersAndCapacityKept(cluster, ws, capacity: 5);
    }

    /// <summary>From the events committed on every server: each conversation version has one owner, and replaying the
    /// state changes in version order no agent ever held more than its capacity.</summary>
    internal static void NoTwoOwnersAndCapacityKept(Cluster cluster, WorkspaceId ws, int capacity)
    {
        var changes = cluster.AllEvents.OfType<ConversationStateChanged>().Where(e => e.Workspace == ws).ToList();
        changes.Should().NotBeEmpty();
        foreach (var byVersion in changes.GroupBy(e => (e.ConversationId, e.Conversation.Version)))
        {
            byVersion.Select(e => e.Conversation.AssignedAgentId).Distinct().Should()
                .HaveCount(1, $"conversation {byVersion.Key.ConversationId} v{byVersion.Key.Version} has one owner");
        }

        // Replay in time order (ties by version) and track loads.
        var owner = new Dictionary<ConversationId, AgentId?>();
        var load = new Dictionary<AgentId, int>();
        foreach (var e in changes.OrderBy(e => e.OccurredAt).ThenBy(e => e.Conversation.Version))
        {
            owner.TryGetValue(e.ConversationId, out var before);
            var after = e.Conversation.State == ConversationState.Assigned ? e.Conversation.AssignedAgentId : null;
            if (before == after) continue;
            if (before is { } b) load[b] = load.GetValueOrDefault(b) - 1;
            if (after is { } a)
            {
                load[a] = load.GetValueOrDefault(a) + 1;
                load[a].Should().BeLessThanOrEqualTo(capacity, $"agent {a} never holds more than {capacity} chats");
            }

            owner[e.ConversationId] = after;
        }
    }
}
