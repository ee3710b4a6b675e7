// Timers in a cluster fire exactly once in effect: offer expiry (R7) and the unread-reply e-mail (E4), on one shared
// FakeTimeProvider registered in every server (each server would otherwise arm its own timers).
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Issue18.Checks;

public sealed class TimersInAClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    internal static async Task OnlineAsync(Server via, WorkspaceId ws, AgentId agent, int capacity = 3)
    {
        await via.Chat.Agents.RegisterAsync(ws, new AgentRegistration(agent, agent.ToString(), capacity));
        await via.Chat.Agents.SetStatusAsync(ws, agent, AgentStatus.Online);
        await via.Chat.Agents.HeartbeatAsync(ws, agent);
    }

    internal static int Offered(Cluster cluster, ConversationId id, AgentId agent) =>
        cluster.AllEvents.OfType<AgentNotification>().Count(n => n.ConversationId == id && n.AgentId == agent && n.Kind == AgentNotificationKind.Offered);

    [ClusterFact]
    public async Task AnOfferMadeThroughA_ExpiresOnce_AndMovesToTheNextAgentOnce()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Clock = clock,
            Options = o =>
            {
                o.Routing.Mode = RoutingMode.Offer;
                o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);
                o.Routing.PresenceTimeout = TimeSpan.FromMinutes(10);
            },
        });
        var ws = Ids.Workspace();
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        await OnlineAsync(cluster.B, ws, alice);
        await OnlineAsync(cluster.C, ws, bob);

        var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
        await cluster.A.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
        await Wait.UntilAsync(async () => (await cluster.B.Chat.Conversations.GetAsync(ws, c.Id)).Routing?.Offer is not null,
            Deadline, "an offer is pending");
        var first = (await cluster.B.Chat.Conversations.GetAsync(ws, c.Id)).Routing!.Offer!.AgentId;
        var next = first == alice ? bob : alice;

        clock.Advance(TimeSpan.FromSeconds(31));
        await Wait.UntilAsync(async () => (await cluster.C.Chat.Conversations.GetAsync(ws, c.Id)).Routing?.Offer?.AgentId == next,
            Deadline, "the expired offer moved to the next agent");
        await Wait.UntilAsync(() => Offered(cluster, c.Id, next) >= 1, Deadline, "the next agent is notified");
        await Wait.StaysAsync(() => Task.FromResult(Offered(cluster, c.Id, first) == 1 && Offered(cluster, c.Id, next) == 1),
            TimeSpan.FromSeconds(3), "one expiry, one new offer, in the whole cluster (not one per server)");

        // The expired token is refused through any server; the live one is accepted through yet another.
        var late = async () => await cluster.A.Chat.Conversations.AcceptOfferAsync(ws, c.Id, first,
            cluster.AllEvents.OfType<AgentNotification>().First(n => n.ConversationId == c.Id && n.AgentId == first && n.Kind == AgentNotificationKind.Offered).Offer!.Token);
        await late.Should().ThrowAsync<LiveChatException>();
        var live = cluster.AllEvents.OfType<AgentNotification>().First(n => n.ConversationId == c.Id && n.AgentId == next && n.Kind == AgentNotificationKind.Offered).Offer!.Token;
        await cluster.B.Chat.Conversations.AcceptOfferAsync(ws, c.Id, next, live);
        (await cluster.A.Chat.Conversations.GetAsync(ws, c.Id)).AssignedAgentId.Should().Be(next);
    }

    [ClusterFact]
    public async Task TheUnreadReplyEmail_IsSentOnce_InTheWholeCluster()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Clock = clock,
            Options = o =>
            {
                o.Email.UnreadDelay = TimeSpan.FromMinutes(1);
                o.Routing.PresenceTimeout = TimeSpan.FromMinutes(10);
            },
        });
        var ws = Ids.Workspace();
        var alice = new AgentId("alice");
        await OnlineAsync(cluster.B, ws, alice);
        var email = $"lea-{Guid.NewGuid():N}@example.fr";
        var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
        await cluster.A.Chat.Visitors.PostAsync(ws, c.Id, t, "Livrez-vous à Lyon ?", clientMessageId: "q");
        await cluster.C.Chat.Visitors.SubmitContactFormAsync(ws, c.Id, t, new ContactForm { Name = "Léa", Email = email });
        await cluster.B.Chat.Conversations.ClaimAsync(ws, c.Id, alice);
        // Replies through every server, so each could have armed its own window.
        await cluster.B.Chat.Conversations.PostAgentMessageAsync(ws, c.Id, alice, "Oui, en 48 heures.", "r1");
        await cluster.C.Chat.Conversations.PostAgentMessageAsync(ws, c.Id, alice, "Et le port est offert.", "r2");
        await cluster.A.Chat.Conversations.PostAgentMessageAsync(ws, c.Id, alice, "Autre chose ?", "r3");

        clock.Advance(TimeSpan.FromSeconds(61));
        foreach (var s in cluster.Servers) await s.Chat.Email.DispatchDueAsync();
        await Wait.UntilAsync(async () =>
        {
            foreach (var s in cluster.Servers) await s.Chat.Email.DispatchDueAsync();
            return cluster.AllSent.Any(m => m.To.ToString()!.Contains(email));
        }, Deadline, "the unread-reply e-mail is sent");
        clock.Advance(TimeSpan.FromSeconds(61));
        await Wait.StaysAsync(async () =>
        {
            foreach (var s in cluster.Servers) await s.Chat.Email.DispatchDueAsync();
            return cluster.AllSent.Count(m => m.To.ToString()!.Contains(email)) == 1;
        }, TimeSpan.FromSeconds(3), "exactly one e-mail in the whole cluster");
        var mail = cluster.AllSent.Single(m => m.To.ToString()!.Contains(email));
        mail.TextBody.Should().Contain("Oui, en 48 heures.").And.Contain("Autre chose ?");
    }

    [ClusterFact]
    public async Task Presence_IsHeldByHeartbeatsFromAnyServer_AndLapsesOnceAfterTheGrace()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Clock = clock,
            Options = o => o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60),
        });
        var ws = Ids.Workspace();
        var alice = new AgentId("alice");
        await OnlineAsync(cluster.A, ws, alice);

        // Heartbeats alternate between A and B, 40 s apart: never 60 s without one, though each server's own gap is 80 s.
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(40));
            await cluster.Servers[i % 2 == 0 ? 1 : 0].Chat.Agents.HeartbeatAsync(ws, alice);
        }

        (await cluster.C.Chat.Agents.IsAvailableAsync(ws, RoutingTarget.Workspace)).Should().BeTrue("a heartbeat through any server keeps the agent present");
        var (c1, t1) = await cluster.C.Chat.Conversations.StartAsync(ws);
        await cluster.C.Chat.Visitors.RequestAgentAsync(ws, c1.Id, t1);
        await Wait.UntilAsync(async () => (await cluster.A.Chat.Conversations.GetAsync(ws, c1.Id)).AssignedAgentId == alice, Deadline, "assigned while present");

        clock.Advance(TimeSpan.FromSeconds(61));
        await Wait.UntilAsync(async () => !await cluster.C.Chat.Agents.IsAvailableAsync(ws, RoutingTarget.Workspace),
            Deadline, "absent after the grace with no heartbeat from any server");
        var (c2, t2) = await cluster.B.Chat.Conversations.StartAsync(ws);
        await cluster.B.Chat.Visitors.RequestAgentAsync(ws, c2.Id, t2);
        await Wait.StaysAsync(async () => (await cluster.A.Chat.Conversations.GetAsync(ws, c2.Id)).AssignedAgentId is null,
            TimeSpan.FromSeconds(2), "an absent agent gets no new chat");

        // A heartbeat through C brings her back: the waiting request is assigned at once (event-driven).
        await cluster.C.Chat.Agents.HeartbeatAsync(ws, alice);
        await Wait.UntilAsync(async () => (await cluster.A.Chat.Conversations.GetAsync(ws, c2.Id)).AssignedAgentId == alice, Deadline,
            "assigned when she is back");
    }
}
