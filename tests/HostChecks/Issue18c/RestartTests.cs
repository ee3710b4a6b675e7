using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using static Chk18c.H;

namespace Chk18c;

/// <summary>Area 4: every server of the cluster stopped, new ones started over the same PostgreSQL database.</summary>
public class RestartTests
{
    // reference.md "Available": "The offline request stays in the backlog and is assigned as soon as someone becomes
    // available, so offline messages are never stranded"; scale-out.md: "the next activation loads them from the store".
    [Fact]
    public async Task WaitingRequest_SurvivesAWholeClusterRestart_AndIsAssignedOnceWhenAnAgentComesOnline()
    {
        await using var c = await Cluster.StartAsync(2);
        await c[0].Chat.Agents.RegisterAsync(c.Ws, new AgentRegistration(A("a1"), "A1", 2));
        var (conv, token) = await c.StartConversationAsync(c[0]);
        (await c[1].Chat.Visitors.RequestAgentAsync(c.Ws, conv.Id, token)).Should().Be(HandoffOutcome.Offline);
        await c.RestartAllAsync(2, newClusterId: false);

        (await c.GetAsync(c[0], conv.Id)).AssignedAgentId.Should().BeNull();
        await c[1].Chat.Agents.SetStatusAsync(c.Ws, A("a1"), AgentStatus.Online);
        await Wait.UntilAsync(async () => await c.OwnerAsync(c[0], conv.Id) == A("a1"), Wait.Long, "assigned after the restart");
        await Wait.UntilAsync(() => c.Count(conv.Id, "a1", AgentNotificationKind.Assigned) >= 1, Wait.Long, "Assigned notification");
        await Task.Delay(Wait.Quiet);
        c.Count(conv.Id, "a1", AgentNotificationKind.Assigned).Should().Be(1, c.Describe(conv.Id));
        (await c.AgentAsync(c[0], "a1")).OpenConversations.Should().Be(1);
    }

    // scale-out.md: "loading the workspace re-arms the live offers"; "an offer on a dead silo expires ... (or at the next
    // routing call of its workspace, whichever is first)"; issue 18: "an offer never expires twice". After a whole-cluster
    // restart, with no routing call, the clock passing the lease moves the offer once.
    [Fact]
    public async Task LiveOffer_AfterAWholeClusterRestart_ExpiresOnce_AndMovesToTheOtherAgent_WithoutARoutingCall()
    {
        await using var c = await Cluster.StartAsync(2, o =>
        {
            o.Routing.Mode = RoutingMode.Offer;
            o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);
        });
        await c.RegisterOnlineAsync(c[0], "a1", 2);
        await c.RegisterOnlineAsync(c[1], "a2", 2);
        var id = await c.QueueAsync(c[1]);
        var offer = (await c.GetAsync(c[0], id)).Routing!.Offer!;
        var other = offer.AgentId == A("a1") ? A("a2") : A("a1");
        await c.RestartAllAsync(2, newClusterId: false);

        c.Time.Advance(TimeSpan.FromSeconds(31));
        await Wait.UntilAsync(async () => (await c.GetAsync(c[0], id)).Routing?.Offer?.AgentId == other, TimeSpan.FromSeconds(30),
            "the offer made before the restart to expire and move to " + other.Value);
        await Wait.UntilAsync(() => c.Count(id, other.Value, AgentNotificationKind.Offered) >= 1, Wait.Long, "Offered to the other agent");
        await Task.Delay(TimeSpan.FromSeconds(3)); // a few reminder ticks
        c.Count(id, other.Value, AgentNotificationKind.Offered).Should().Be(1, c.Describe(id));
        c.Count(id, offer.AgentId.Value, AgentNotificationKind.OfferWithdrawn).Should().BeLessThanOrEqualTo(1, c.Describe(id));
        (await c.AgentAsync(c[1], offer.AgentId.Value)).OpenConversations.Should().Be(0);
    }

    private static async Task<(ConversationId Id, string Email)> UnreadReplyPendingAsync(Cluster c)
    {
        var email = $"visitor{Guid.NewGuid():N}@example.org";
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        var (conv, token) = await c.StartConversationAsync(c[0]);
        await c[0].Chat.Visitors.PostAsync(c.Ws, conv.Id, token, "Do you ship to Lyon?", "q1");
        await c[1].Chat.Visitors.SubmitContactFormAsync(c.Ws, conv.Id, token, new ContactForm { Name = "Lea", Email = email });
        await c[1].Chat.Conversations.ClaimAsync(c.Ws, conv.Id, A("a1"));
        await c[1].Chat.Conversations.PostAgentMessageAsync(c.Ws, conv.Id, A("a1"), "Yes, in 48 hours.", "r1");
        return (conv.Id, email);
    }

    private static async Task ExpectOneUnreadEmailAsync(Cluster c, string email)
    {
        int Sent() => c.Mail.Sent.Count(m => string.Equals(m.To.Address, email, StringComparison.OrdinalIgnoreCase));
        Sent().Should().Be(0, "nothing is due before the window ends");
        c.Time.Advance(TimeSpan.FromSeconds(61));
        await Wait.UntilAsync(async () =>
        {
            await c.Live.Chat.Email.DispatchDueAsync();
            return Sent() >= 1;
        }, TimeSpan.FromSeconds(30), "the unread-reply e-mail pending before the restart");
        for (var i = 0; i < 4; i++)
        {
            c.Time.Advance(TimeSpan.FromSeconds(61));
            await Task.Delay(TimeSpan.FromSeconds(1));
            await c.Live.Chat.Email.DispatchDueAsync();
        }
        Sent().Should().Be(1, "reference.md E4: 'never twice'; issue 18: 'an e-mail is never sent twice'");
        c.Mail.Sent.Single(m => m.To.Address == email).TextBody.Should().Contain("Yes, in 48 hours.");
    }

    // reference.md E4: "after a restart the unread replies go out when the window ends (or at once if it ended meanwhile),
    // exactly once; in an Orleans cluster a survivor runs a dead server's windows". Same cluster id.
    [Fact]
    public async Task UnreadReplyEmail_PendingAtAWholeClusterRestart_IsSentExactlyOnce_SameClusterId()
    {
        await using var c = await Cluster.StartAsync(2);
        var (_, email) = await UnreadReplyPendingAsync(c);
        await c.RestartAllAsync(2, newClusterId: false);
        await ExpectOneUnreadEmailAsync(c, email);
    }

    // The same with a new cluster id (membership rows start afresh; the service id, which keys reminders, is kept).
    [Fact]
    public async Task UnreadReplyEmail_PendingAtAWholeClusterRestart_IsSentExactlyOnce_NewClusterId()
    {
        await using var c = await Cluster.StartAsync(2);
        var (_, email) = await UnreadReplyPendingAsync(c);
        await c.RestartAllAsync(3, newClusterId: true);
        await ExpectOneUnreadEmailAsync(c, email);
    }

    // Agent.OpenConversations: "Maintained by the store"; "the store stays the source of truth". After a restart with a new
    // cluster id the agent's status, load and capacity hold: one more seat is given, the next request waits.
    [Fact]
    public async Task AgentStateAndLoad_SurviveAWholeClusterRestart_CapacityStillEnforced()
    {
        await using var c = await Cluster.StartAsync(2);
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        await c.QueueAsync(c[0]);
        await c.QueueAsync(c[1]);
        await c.RestartAllAsync(2, newClusterId: true);

        var agent = await c.AgentAsync(c[1], "a1");
        agent.Status.Should().Be(AgentStatus.Online);
        agent.OpenConversations.Should().Be(2);
        var third = await c.QueueAsync(c[0]);
        (await c.OwnerAsync(c[1], third)).Should().Be(A("a1"));
        var fourth = await c.QueueAsync(c[1]);
        (await c.OwnerAsync(c[0], fourth)).Should().BeNull("a1 is at capacity 3");
        (await c.AgentAsync(c[0], "a1")).OpenConversations.Should().Be(3);
    }

    // scale-out.md "Presence grace": "Due work ... presence grace ... is durable in the store"; "loading the workspace re-arms
    // ... the presence-grace and requeue timers from the stored conversations and agents". An agent silent across a whole
    // cluster restart has their conversation requeued once, to the agent who keeps beating.
    [Fact]
    public async Task SilentAgent_AcrossAWholeClusterRestart_ConversationRequeuedOnce()
    {
        await using var c = await Cluster.StartAsync(2, o =>
        {
            o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60);
            o.Routing.RequeueAfter = TimeSpan.FromSeconds(30);
        });
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        var id = await c.QueueAsync(c[1]);
        await c.RegisterOnlineAsync(c[1], "a2", 3);
        (await c.OwnerAsync(c[0], id)).Should().Be(A("a1"));
        await c.RestartAllAsync(2, newClusterId: false);

        await c[0].Chat.Agents.HeartbeatAsync(c.Ws, A("a2"));
        for (var i = 0; i < 8; i++) // 160 s > 60 s + 30 s
        {
            c.Time.Advance(TimeSpan.FromSeconds(20));
            await c[i % 2].Chat.Agents.HeartbeatAsync(c.Ws, A("a2"));
            await Task.Delay(200);
        }
        await Wait.UntilAsync(async () =>
        {
            await c[0].Chat.Agents.HeartbeatAsync(c.Ws, A("a2"));
            return await c.OwnerAsync(c[1], id) == A("a2");
        }, TimeSpan.FromSeconds(30), "a1's conversation requeued to a2 after the restart");
        await Wait.UntilAsync(() => c.Count(id, "a1", AgentNotificationKind.ReassignedAway) >= 1, Wait.Long, "a1 told (the requeue notifies after it commits)");
        await Task.Delay(Wait.Quiet);
        c.Count(id, "a1", AgentNotificationKind.ReassignedAway).Should().Be(1, c.Describe(id));
        (await c.AgentAsync(c[0], "a1")).OpenConversations.Should().Be(0);
    }
}
