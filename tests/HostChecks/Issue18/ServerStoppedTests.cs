// A server (silo) stopped mid-run: its routing, offers and unread-reply windows are taken over by the survivors.
// Clustered with silo.UseLiveChatPostgreSql(...) (no primary silo; reminders in PostgreSQL, 1 s reminder period).
using System.Collections.Concurrent;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Issue18.Checks;

public sealed class ServerStoppedTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [ClusterFact]
    public async Task PostgreSqlClustering_ThreeServersFormOneCluster_AndRouteAsOne()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup { Clustering = Clustering.PostgreSql, Clock = clock });
        var ws = Ids.Workspace();
        var (c, t) = await cluster.C.Chat.Conversations.StartAsync(ws);
        await cluster.C.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
        await TimersInAClusterTests.OnlineAsync(cluster.A, ws, new AgentId("alice"));
        await Wait.UntilAsync(async () => (await cluster.B.Chat.Conversations.GetAsync(ws, c.Id)).State == ConversationState.Assigned,
            Deadline, "queued on C, assigned when Alice came online on A");
    }

    [ClusterFact]
    public async Task AServerStoppedMidRun_ItsQueuedWorkIsRoutedByTheSurvivors_AndNoAcknowledgedMessageIsLostOrDoubled()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Clustering = Clustering.PostgreSql,
            Clock = clock,
            Options = o => o.Routing.PresenceTimeout = TimeSpan.FromMinutes(10),
        });
        // Several workspaces, so that some router grains are active on the server that stops.
        var workspaces = Enumerable.Range(0, 8).Select(_ => Ids.Workspace("fo")).ToList();
        var queued = new List<(WorkspaceId ws, ConversationId id, VisitorToken token)>();
        foreach (var ws in workspaces)
        {
            for (var i = 0; i < 3; i++)
            {
                var via = cluster.Servers[i];
                var (c, t) = await via.Chat.Conversations.StartAsync(ws);
                await via.Chat.Visitors.RequestAgentAsync(ws, c.Id, t); // nobody online: waits in the router's backlog
                queued.Add((ws, c.Id, t));
            }
        }

        // Steady load through the survivors while A stops: visitors post; every acknowledged post is remembered.
        var acknowledged = new ConcurrentBag<(WorkspaceId ws, ConversationId id, string clientId, long sequence)>();
        using var stopLoad = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            var n = 0;
            while (!stopLoad.IsCancellationRequested)
            {
                var (ws, id, token) = queued[n % queued.Count];
                var via = cluster.Servers[1 + n % 2];
                var clientId = $"load-{n++}";
                try
                {
                    var m = await via.Chat.Visitors.PostAsync(ws, id, token, $"text {clientId}", clientMessageId: clientId);
                    acknowledged.Add((ws, id, clientId, m.Sequence));
                }
                catch (LiveChatException) { /* refused and not acknowledged: allowed during the failover */ }
            }
        });

        await Wait.UntilAsync(() => acknowledged.Count >= 20, Deadline, "load running");
        await cluster.A.DisposeAsync(); // server A stops mid-run
        await Wait.UntilAsync(() => acknowledged.Count >= 60, Deadline, "load goes on through the survivors");

        // Agents come online through B and C: every request queued anywhere (A included) is routed by the survivors.
        foreach (var (ws, i) in workspaces.Select((w, i) => (w, i)))
            await TimersInAClusterTests.OnlineAsync(cluster.Servers[1 + i % 2], ws, new AgentId("agent"), capacity: 5);
        await Wait.UntilAsync(async () =>
        {
            foreach (var q in queued)
                if ((await cluster.C.Chat.Conversations.GetAsync(q.ws, q.id)).State != ConversationState.Assigned) return false;
            return true;
        }, Deadline, "all 24 queued requests (8 queued through the stopped server) assigned by the survivors");

        stopLoad.Cancel();
        await load;
        foreach (var group in acknowledged.GroupBy(a => (a.ws, a.id)))
        {
            var messages = await cluster.B.Chat.Conversations.GetMessagesAsync(group.Key.ws, group.Key.id, 0, 1000);
            foreach (var ack in group)
                messages.Where(m => m.ClientMessageId == ack.clientId).Select(m => m.Sequence).Should()
                    .Equal(new[] { ack.sequence }, $"{ack.clientId} stored exactly once with its acknowledged sequence");
            messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(0, messages.Count).Select(k => messages[0].Sequence + k),
                "contiguous sequences");
        }

        foreach (var ws in workspaces) RoutingAcrossServersTests.NoTwoOwnersAndCapacityKept(cluster, ws, capacity: 5);
    }

    [ClusterFact]
    public async Task OffersMadeBeforeAServerStops_StillExpire_AndMoveToTheNextAgent()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Clustering = Clustering.PostgreSql,
            Clock = clock,
            Options = o =>
            {
                o.Routing.Mode = RoutingMode.Offer;
                o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);
                o.Routing.PresenceTimeout = TimeSpan.FromMinutes(10);
            },
        });
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        var offers = new List<(WorkspaceId ws, ConversationId id, AgentId first)>();
        for (var i = 0; i < 6; i++)
        {
            var ws = Ids.Workspace("of");
            await TimersInAClusterTests.OnlineAsync(cluster.B, ws, alice);
            await TimersInAClusterTests.OnlineAsync(cluster.C, ws, bob);
            var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
            await cluster.A.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
            await Wait.UntilAsync(async () => (await cluster.B.Chat.Conversations.GetAsync(ws, c.Id)).Routing?.Offer is not null, Deadline, "offered");
            offers.Add((ws, c.Id, (await cluster.B.Chat.Conversations.GetAsync(ws, c.Id)).Routing!.Offer!.AgentId));
        }

        await cluster.A.DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(31));

        await Wait.UntilAsync(async () =>
        {
            foreach (var o in offers)
            {
                var next = o.first == alice ? bob : alice;
                if ((await cluster.C.Chat.Conversations.GetAsync(o.ws, o.id)).Routing?.Offer?.AgentId != next) return false;
            }

            return true;
        }, Deadline, "every offer, wherever its router was, expired and moved to the next agent after A stopped");
        foreach (var o in offers)
        {
            var next = o.first == alice ? bob : alice;
            // The re-offer commits before its Offered notification is published (routing's reaction to the expiry).
            await Wait.UntilAsync(() => Task.FromResult(TimersInAClusterTests.Offered(cluster, o.id, next) >= 1), Deadline, "the next agent is offered it");
            await Wait.StaysAsync(() => Task.FromResult(TimersInAClusterTests.Offered(cluster, o.id, next) == 1),
                TimeSpan.FromMilliseconds(500), "the next agent is offered it once");
        }
    }

    [ClusterFact]
    public async Task AnUnreadReplyWindowOpenOnAStoppedServer_IsEmailedOnceByASurvivor()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Clustering = Clustering.PostgreSql,
            Clock = clock,
            Options = o =>
            {
                o.Email.UnreadDelay = TimeSpan.FromMinutes(1);
                o.Routing.PresenceTimeout = TimeSpan.FromMinutes(10);
            },
        });
        var ws = Ids.Workspace();
        var alice = new AgentId("alice");
        await TimersInAClusterTests.OnlineAsync(cluster.A, ws, alice);
        var email = $"jan-{Guid.NewGuid():N}@example.cz";
        var (c, t) = await cluster.B.Chat.Conversations.StartAsync(ws);
        await cluster.B.Chat.Visitors.PostAsync(ws, c.Id, t, "Dobrý den, máte skladem?", clientMessageId: "q");
        await cluster.B.Chat.Visitors.SubmitContactFormAsync(ws, c.Id, t, new ContactForm { Name = "Jan", Email = email });
        await cluster.A.Chat.Conversations.ClaimAsync(ws, c.Id, alice);
        await cluster.A.Chat.Conversations.PostAgentMessageAsync(ws, c.Id, alice, "Ano, máme.", "r1"); // window armed on A

        await cluster.A.DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(61));
        await Wait.UntilAsync(async () =>
        {
            foreach (var s in cluster.Live) await s.Chat.Email.DispatchDueAsync();
            return cluster.AllSent.Any(m => m.To.ToString()!.Contains(email));
        }, Deadline, "a survivor sends the unread-reply e-mail armed on A");
        clock.Advance(TimeSpan.FromSeconds(61));
        await Wait.StaysAsync(async () =>
        {
            foreach (var s in cluster.Live) await s.Chat.Email.DispatchDueAsync();
            return cluster.AllSent.Count(m => m.To.ToString()!.Contains(email)) == 1;
        }, TimeSpan.FromSeconds(3), "exactly one e-mail");
    }
}
