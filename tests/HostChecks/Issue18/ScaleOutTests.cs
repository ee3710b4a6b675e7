// Servers joining a running cluster (scale out) and a rolling restart: the cluster keeps behaving as one.
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LiveChat.Issue18.Checks;

public sealed class ScaleOutTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [ClusterTheory]
    [InlineData(Clustering.Localhost)]
    [InlineData(Clustering.PostgreSql)]
    public async Task AServerJoiningLater_RoutesWorkQueuedBeforeItJoined_WithTheClockStandingStill(Clustering clustering)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup { Servers = 2, Clustering = clustering, Clock = clock });
        var ws = Ids.Workspace("join");
        var (c, t) = await cluster.B.Chat.Conversations.StartAsync(ws);
        await cluster.B.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);

        var late = await cluster.AddServerAsync();
        await TimersInAClusterTests.OnlineAsync(late, ws, new AgentId("alice"));
        await Wait.UntilAsync(async () => (await cluster.A.Chat.Conversations.GetAsync(ws, c.Id)).State == ConversationState.Assigned,
            Deadline, "the request queued before the third server joined is assigned when an agent comes online through it");
    }

    [ClusterFact]
    public async Task ARollingRestart_OfEveryServerInTurn_LosesNoQueuedRequest_AndKeepsOneOwnerEach()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Clustering = Clustering.PostgreSql,
            Clock = clock,
            Options = o => o.Routing.PresenceTimeout = TimeSpan.FromMinutes(30),
        });
        var workspaces = Enumerable.Range(0, 4).Select(_ => Ids.Workspace("roll")).ToList();
        var requests = new List<(WorkspaceId ws, ConversationId id)>();

        // Restart A, B and C in turn; before each restart, queue requests through the server about to go.
        for (var round = 0; round < 3; round++)
        {
            var victim = cluster.Live.First();
            foreach (var ws in workspaces)
            {
                var (c, t) = await victim.Chat.Conversations.StartAsync(ws);
                await victim.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
                requests.Add((ws, c.Id));
            }

            await victim.DisposeAsync();
            await cluster.AddServerAsync();
        }

        var servers = cluster.Live.ToList();
        servers.Should().HaveCount(3);
        foreach (var (ws, i) in workspaces.Select((w, i) => (w, i)))
            await TimersInAClusterTests.OnlineAsync(servers[i % 3], ws, new AgentId("agent"), capacity: 3);
        await Wait.UntilAsync(async () =>
        {
            foreach (var (ws, id) in requests)
                if ((await servers[2].Chat.Conversations.GetAsync(ws, id)).State != ConversationState.Assigned) return false;
            return true;
        }, Deadline, "all 12 requests queued through servers since restarted are assigned");
        foreach (var ws in workspaces) RoutingAcrossServersTests.NoTwoOwnersAndCapacityKept(cluster, ws, capacity: 3);
    }
}
