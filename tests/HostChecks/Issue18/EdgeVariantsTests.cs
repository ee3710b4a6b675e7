// Edge and hostile variants of the cluster's promises.
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Transport;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Issue18.Checks;

public sealed class EdgeVariantsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [ClusterFact]
    public async Task AnAgentGoingOfflineThroughC_HasTheirChatsRequeuedOnce_ToAnAgentOnA_AfterTheGrace()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Clock = clock,
            Options = o =>
            {
                o.Routing.RequeuePolicy = RequeuePolicy.Requeue;
                o.Routing.RequeueAfter = TimeSpan.FromMinutes(2);
                o.Routing.PresenceTimeout = TimeSpan.FromMinutes(10);
            },
        });
        var ws = Ids.Workspace();
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        await TimersInAClusterTests.OnlineAsync(cluster.B, ws, alice, capacity: 2);
        var chats = new List<ConversationId>();
        for (var i = 0; i < 2; i++)
        {
            var (c, t) = await cluster.Servers[i].Chat.Conversations.StartAsync(ws);
            await cluster.Servers[i].Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
            chats.Add(c.Id);
        }

        await Wait.UntilAsync(async () => (await Task.WhenAll(chats.Select(id => cluster.A.Chat.Conversations.GetAsync(ws, id).AsTask())))
            .All(c => c.AssignedAgentId == alice), Deadline, "both chats with Alice");
        await TimersInAClusterTests.OnlineAsync(cluster.A, ws, bob, capacity: 5);
        await cluster.C.Chat.Agents.SetStatusAsync(ws, alice, AgentStatus.Offline);

        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(async () => (await Task.WhenAll(chats.Select(id => cluster.B.Chat.Conversations.GetAsync(ws, id).AsTask())))
            .All(c => c.AssignedAgentId == bob), Deadline, "Alice's chats requeued to Bob after the grace");
        // The drain's placements commit before their notifications are published (routing's reaction, off the drain's path).
        await Wait.UntilAsync(() => Task.FromResult(chats.All(id => cluster.AllEvents.OfType<AgentNotification>()
                .Any(n => n.ConversationId == id && n.AgentId == bob && n.Kind is AgentNotificationKind.Assigned or AgentNotificationKind.ReassignedToYou))),
            Deadline, "Bob told of each requeued chat");
        await Wait.StaysAsync(() => Task.FromResult(chats.All(id => cluster.AllEvents.OfType<AgentNotification>()
                .Count(n => n.ConversationId == id && n.AgentId == bob && n.Kind is AgentNotificationKind.Assigned or AgentNotificationKind.ReassignedToYou) == 1)),
            TimeSpan.FromSeconds(2), "each requeued once (one notification to Bob per chat in the whole cluster)");
    }

    [ClusterFact]
    public async Task AlertMode_NotifiesEachEligibleAgentOnce_InTheWholeCluster_FirstClaimWins_OthersToldOnce()
    {
        await using var cluster = await Cluster.StartAsync(new ClusterSetup { Options = o => o.Routing.Mode = RoutingMode.Alert });
        var ws = Ids.Workspace();
        var agents = new[] { new AgentId("x1"), new AgentId("x2"), new AgentId("x3") };
        for (var i = 0; i < 3; i++) await TimersInAClusterTests.OnlineAsync(cluster.Servers[i], ws, agents[i]);
        var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
        await cluster.A.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);

        int Count(AgentId a, AgentNotificationKind k) => cluster.AllEvents.OfType<AgentNotification>().Count(n => n.ConversationId == c.Id && n.AgentId == a && n.Kind == k);
        await Wait.UntilAsync(() => agents.All(a => Count(a, AgentNotificationKind.NewRequest) >= 1), Deadline, "every eligible agent alerted");
        await Task.WhenAll(agents.Select(async (a, i) =>
        {
            try { await cluster.Servers[(i + 1) % 3].Chat.Conversations.ClaimAsync(ws, c.Id, a); }
            catch (ConversationAlreadyClaimedException) { }
        }));
        var owner = (await cluster.B.Chat.Conversations.GetAsync(ws, c.Id)).AssignedAgentId!.Value;
        await Wait.UntilAsync(() => agents.Where(a => a != owner).All(a => Count(a, AgentNotificationKind.RequestTaken) >= 1), Deadline, "the others told");
        await Wait.StaysAsync(() => Task.FromResult(agents.All(a => Count(a, AgentNotificationKind.NewRequest) == 1)
                                                   && agents.Where(a => a != owner).All(a => Count(a, AgentNotificationKind.RequestTaken) == 1)),
            TimeSpan.FromSeconds(2), "one alert and one 'taken' per agent, not one per server");
    }

    [ClusterFact]
    public async Task EveryStateChange_IsPublishedOnceInTheWholeCluster()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace();
        for (var i = 0; i < 3; i++) await TimersInAClusterTests.OnlineAsync(cluster.Servers[i], ws, new AgentId($"ag{i}"), capacity: 4);
        var ids = await Task.WhenAll(Enumerable.Range(0, 15).Select(async i =>
        {
            var via = cluster.Servers[i % 3];
            var (c, t) = await via.Chat.Conversations.StartAsync(ws);
            await via.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
            return c.Id;
        }));
        await Wait.UntilAsync(async () => (await Task.WhenAll(ids.Select(id => cluster.A.Chat.Conversations.GetAsync(ws, id).AsTask())))
            .Count(c => c.State == ConversationState.Assigned) == 12, Deadline, "12 of 15 assigned (3 agents x 4)");
        await Wait.StaysAsync(async () => (await Task.WhenAll(ids.Select(id => cluster.A.Chat.Conversations.GetAsync(ws, id).AsTask())))
            .Count(c => c.State == ConversationState.Assigned) == 12, TimeSpan.FromSeconds(1), "no 13th");
        cluster.AllEvents.OfType<ConversationStateChanged>().Where(e => e.Workspace == ws)
            .GroupBy(e => (e.ConversationId, e.Conversation.Version)).Should().OnlyContain(g => g.Count() == 1, "each version published once");
        cluster.AllEvents.OfType<ConversationStarted>().Where(e => e.Workspace == ws).Should().HaveCount(15);
        RoutingAcrossServersTests.NoTwoOwnersAndCapacityKept(cluster, ws, capacity: 4);
    }

    [ClusterFact]
    public async Task ARequestRetriedThroughThreeServersAtOnce_MakesOneAssignment()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace();
        await TimersInAClusterTests.OnlineAsync(cluster.C, ws, new AgentId("a"), capacity: 5);
        await TimersInAClusterTests.OnlineAsync(cluster.B, ws, new AgentId("b"), capacity: 5);
        var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
        await Task.WhenAll(cluster.Servers.SelectMany(s => new[]
        {
            Try(() => s.Chat.Visitors.RequestAgentAsync(ws, c.Id, t).AsTask()),
            Try(() => s.Chat.Visitors.RequestAgentAsync(ws, c.Id, t).AsTask()),
        }));
        await Wait.UntilAsync(async () => (await cluster.A.Chat.Conversations.GetAsync(ws, c.Id)).State == ConversationState.Assigned, Deadline, "assigned");
        // The Assigned notification reaches the publishers after the call returned (the notify lane runs in the background).
        await Wait.UntilAsync(() => Task.FromResult(cluster.AllEvents.OfType<AgentNotification>()
            .Any(n => n.ConversationId == c.Id && n.Kind == AgentNotificationKind.Assigned)), Deadline, "the assignment notified");
        await Wait.StaysAsync(() => Task.FromResult(cluster.AllEvents.OfType<AgentNotification>()
            .Count(n => n.ConversationId == c.Id && n.Kind == AgentNotificationKind.Assigned) == 1), TimeSpan.FromSeconds(2), "one assignment");
        var agents = await Task.WhenAll(new[] { "a", "b" }.Select(a => cluster.A.Chat.Agents.GetAsync(ws, new AgentId(a)).AsTask()));
        (await cluster.A.Chat.Conversations.GetMessagesAsync(ws, c.Id, 0, 100)).Count(m => m.Text.Contains("joined"))
            .Should().BeLessThanOrEqualTo(1, "one 'joined' system message");
    }

    private static async Task Try(Func<Task> act)
    {
        try { await act(); }
        catch (LiveChatException) { }
    }

    [ClusterFact]
    public async Task HostileWorkspaceIds_AreIsolatedRoutersAcrossServers_CaseAndSeparatorVariantsNeverShareAnAgent()
    {
        await using var cluster = await Cluster.StartAsync();
        var stem = Guid.NewGuid().ToString("N")[..8];
        var variants = new[]
        {
            new WorkspaceId($"Acme-{stem}"), new WorkspaceId($"acme-{stem}"), new WorkspaceId($"acme-{stem} "),
            new WorkspaceId($"acme/{stem}"), new WorkspaceId($"acme-{stem}/"), new WorkspaceId($"ácme-{stem}"),
            new WorkspaceId($"acme-{stem}😀"), new WorkspaceId(new string('w', 120) + stem),
        };
        // Only the first variant has an agent online (through C); requests in every variant go through A and B.
        await TimersInAClusterTests.OnlineAsync(cluster.C, variants[0], new AgentId("only"), capacity: 50);
        var requests = new List<(WorkspaceId ws, ConversationId id)>();
        for (var i = 0; i < variants.Length; i++)
        {
            var via = cluster.Servers[i % 2];
            var (c, t) = await via.Chat.Conversations.StartAsync(variants[i]);
            await via.Chat.Visitors.RequestAgentAsync(variants[i], c.Id, t);
            requests.Add((variants[i], c.Id));
        }

        await Wait.UntilAsync(async () => (await cluster.B.Chat.Conversations.GetAsync(variants[0], requests[0].id)).State == ConversationState.Assigned,
            Deadline, "the first workspace's request assigned");
        await Wait.StaysAsync(async () =>
        {
            foreach (var (ws, id) in requests.Skip(1))
                if ((await cluster.C.Chat.Conversations.GetAsync(ws, id)).AssignedAgentId is not null) return false;
            return true;
        }, TimeSpan.FromSeconds(2), "no look-alike workspace gets the other's agent");

        // Each look-alike workspace routes on its own as soon as its own agent comes online, through another server.
        for (var i = 1; i < variants.Length; i++) await TimersInAClusterTests.OnlineAsync(cluster.Servers[(i + 1) % 3], variants[i], new AgentId("only"));
        await Wait.UntilAsync(async () =>
        {
            foreach (var (ws, id) in requests)
                if ((await cluster.A.Chat.Conversations.GetAsync(ws, id)).State != ConversationState.Assigned) return false;
            return true;
        }, Deadline, "every look-alike workspace routed by its own router");
    }

    [ClusterFact]
    public async Task WithOnePagingKey_AnInboxContinuationTokenFromServerA_WorksOnServerB()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var cluster = await Cluster.StartAsync(new ClusterSetup { Options = o => o.PagingKey = key });
        var ws = Ids.Workspace();
        var alice = new AgentId("alice");
        await cluster.A.Chat.Agents.RegisterAsync(ws, new AgentRegistration(alice, "Alice", 3));
        for (var i = 0; i < 7; i++)
        {
            var via = cluster.Servers[i % 3];
            var (c, t) = await via.Chat.Conversations.StartAsync(ws);
            await via.Chat.Visitors.RequestAgentAsync(ws, c.Id, t); // nobody online: waits in Unassigned
        }

        var first = await cluster.A.Chat.Inbox.ListAsync(ws, alice, InboxFolder.Unassigned, 3, null);
        first.ContinuationToken.Should().NotBeNull();
        var second = await cluster.B.Chat.Inbox.ListAsync(ws, alice, InboxFolder.Unassigned, 3, first.ContinuationToken);
        var third = await cluster.C.Chat.Inbox.ListAsync(ws, alice, InboxFolder.Unassigned, 3, second.ContinuationToken);
        first.Items.Concat(second.Items).Concat(third.Items).Select(c => c.Id).Should().OnlyHaveUniqueItems().And.HaveCount(7);
    }

    [ClusterFact]
    public async Task AHundredWorkspacesAtOnce_ThroughThreeServers_AreAllRouted()
    {
        await using var cluster = await Cluster.StartAsync();
        var work = Enumerable.Range(0, 100).Select(i => (ws: Ids.Workspace("many"), i)).ToList();
        var ids = await Task.WhenAll(work.Select(async w =>
        {
            var via = cluster.Servers[w.i % 3];
            var (c, t) = await via.Chat.Conversations.StartAsync(w.ws);
            await via.Chat.Visitors.RequestAgentAsync(w.ws, c.Id, t);
            await TimersInAClusterTests.OnlineAsync(cluster.Servers[(w.i + 1) % 3], w.ws, new AgentId("solo"), 1);
            return (w.ws, c.Id);
        }));
        await Wait.UntilAsync(async () =>
        {
            foreach (var (ws, id) in ids)
                if ((await cluster.C.Chat.Conversations.GetAsync(ws, id)).State != ConversationState.Assigned) return false;
            return true;
        }, TimeSpan.FromSeconds(60), "100 workspaces' requests all assigned");
    }
}
