using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using static Chk18c.H;

namespace Chk18c;

/// <summary>More of areas 1, 2 and 4: offers holding seats, declines, claims on alerts, work that fell due while the whole cluster was down.</summary>
public class MoreTests
{
    // reference.md "Offers hold one of the agent's seats until accepted, declined or expired". A second request through
    // another server is not offered to an agent whose only seat an offer holds.
    [Fact]
    public async Task AnOfferHoldsTheSeat_ASecondRequestThroughAnotherServerGoesToTheOtherAgent()
    {
        await using var c = await Cluster.StartAsync(3, o => { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromSeconds(30); });
        await c.RegisterOnlineAsync(c[0], "a1", 1);
        await c.RegisterOnlineAsync(c[1], "a2", 1);
        var x = await c.QueueAsync(c[0]);
        var first = (await c.GetAsync(c[1], x)).Routing!.Offer!.AgentId;
        var y = await c.QueueAsync(c[2]);
        var second = (await c.GetAsync(c[0], y)).Routing?.Offer?.AgentId;
        second.Should().NotBeNull().And.NotBe(first);
        var z = await c.QueueAsync(c[1]);
        (await c.GetAsync(c[2], z)).Routing?.Offer.Should().BeNull("both seats are held by offers");
        c.CountAnyAgent(z, AgentNotificationKind.Offered).Should().Be(0);
    }

    // reference.md "Event-driven": "an expired or declined offer: each routes the backlog at once". A decline through
    // another server moves the offer to the other agent, once, with the clock standing still.
    [Fact]
    public async Task DeclineThroughAnotherServer_MovesTheOfferToTheOtherAgentOnce_WithTheClockStill()
    {
        await using var c = await Cluster.StartAsync(3, o => { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromSeconds(30); });
        await c.RegisterOnlineAsync(c[0], "a1", 2);
        await c.RegisterOnlineAsync(c[1], "a2", 2);
        var id = await c.QueueAsync(c[2]);
        var offer = (await c.GetAsync(c[0], id)).Routing!.Offer!;
        var other = offer.AgentId == A("a1") ? A("a2") : A("a1");
        await c[1].Chat.Conversations.DeclineOfferAsync(c.Ws, id, offer.AgentId, offer.Token);
        await Wait.UntilAsync(async () => (await c.GetAsync(c[2], id)).Routing?.Offer?.AgentId == other, Wait.Long, "offer moved after the decline");
        await Wait.UntilAsync(() => c.Count(id, other.Value, AgentNotificationKind.Offered) >= 1, Wait.Long, "the other agent told of the offer (routing's reaction publishes after the commit)");
        await Task.Delay(Wait.Quiet);
        c.Count(id, other.Value, AgentNotificationKind.Offered).Should().Be(1, c.Describe(id));
        c.Count(id, offer.AgentId.Value, AgentNotificationKind.Offered).Should().Be(1, c.Describe(id));
    }

    // ClaimAsync doc: "AgentCapacityExceededException: The agent has no free capacity". An agent of capacity 1 claims two
    // alerted requests at once through two servers: one claim wins, the other is refused, and the load is 1.
    [Fact]
    public async Task AlertMode_OneAgentClaimsTwoRequestsAtOnceThroughTwoServers_CapacityOneHolds()
    {
        await using var c = await Cluster.StartAsync(3, o => o.Routing.Mode = RoutingMode.Alert);
        await c.RegisterOnlineAsync(c[0], "a1", 1);
        var x = await c.QueueAsync(c[0]);
        var y = await c.QueueAsync(c[1]);
        var results = await Task.WhenAll(new[] { (x, 1), (y, 2) }.Select(t => Task.Run(async () =>
        {
            try { await c[t.Item2].Chat.Conversations.ClaimAsync(c.Ws, t.Item1, A("a1")); return (Exception?)null; }
            catch (Exception e) { return e; }
        })));
        results.Count(r => r is null).Should().Be(1, string.Join(" | ", results.Select(r => r?.GetType().Name ?? "ok")));
        results.Single(r => r is not null).Should().BeOfType<AgentCapacityExceededException>();
        (await c.AgentAsync(c[2], "a1")).OpenConversations.Should().Be(1);
        ((await c.OwnerAsync(c[2], x) is null ? 0 : 1) + (await c.OwnerAsync(c[2], y) is null ? 0 : 1)).Should().Be(1);
    }

    // scale-out.md: "loading the workspace re-arms the live offers"; "Each fires exactly once in effect". The lease ran out
    // while every server was down: after the restart the offer moves once, with no routing call.
    [Fact]
    public async Task OfferThatExpiredWhileTheWholeClusterWasDown_MovesOnceAfterTheRestart()
    {
        await using var c = await Cluster.StartAsync(2, o => { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromSeconds(30); });
        await c.RegisterOnlineAsync(c[0], "a1", 2);
        await c.RegisterOnlineAsync(c[1], "a2", 2);
        var id = await c.QueueAsync(c[1]);
        var offer = (await c.GetAsync(c[0], id)).Routing!.Offer!;
        var other = offer.AgentId == A("a1") ? A("a2") : A("a1");
        await c.StopAllAsync();
        c.Time.Advance(TimeSpan.FromSeconds(45));
        await c.RestartAllAsync(2, newClusterId: false);
        await Wait.UntilAsync(async () => (await c.GetAsync(c[0], id)).Routing?.Offer?.AgentId == other, TimeSpan.FromSeconds(30),
            "the offer that expired during the downtime to move to " + other.Value);
        // The move may happen while the servers start, before a subscriber could attach, so it is checked in the store:
        // a second expiry of the same lease would make a new offer (a new token) within a few reminder ticks.
        var moved = (await c.GetAsync(c[1], id)).Routing!.Offer!;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var later = (await c.GetAsync(c[0], id)).Routing!.Offer!;
        later.Token.Should().Be(moved.Token);
        later.AgentId.Should().Be(other);
        (await c.AgentAsync(c[1], offer.AgentId.Value)).OpenConversations.Should().Be(0);
    }

    // reference.md E4: "after a restart the unread replies go out when the window ends (or at once if it ended meanwhile),
    // exactly once". The window ends while every server is down.
    [Fact]
    public async Task UnreadReplyWindowThatEndedWhileTheWholeClusterWasDown_IsSentOnceAfterTheRestart()
    {
        await using var c = await Cluster.StartAsync(2);
        var email = $"visitor{Guid.NewGuid():N}@example.org";
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        var (conv, token) = await c.StartConversationAsync(c[0]);
        await c[0].Chat.Visitors.PostAsync(c.Ws, conv.Id, token, "Do you ship to Brno?", "q1");
        await c[1].Chat.Visitors.SubmitContactFormAsync(c.Ws, conv.Id, token, new ContactForm { Name = "Jan", Email = email });
        await c[1].Chat.Conversations.ClaimAsync(c.Ws, conv.Id, A("a1"));
        await c[0].Chat.Conversations.PostAgentMessageAsync(c.Ws, conv.Id, A("a1"), "Yes, every Tuesday.", "r1");
        await c.StopAllAsync();
        c.Time.Advance(TimeSpan.FromMinutes(3));
        int Sent() => c.Mail.Sent.Count(m => string.Equals(m.To.Address, email, StringComparison.OrdinalIgnoreCase));
        Sent().Should().Be(0);
        await c.RestartAllAsync(2, newClusterId: false);
        await Wait.UntilAsync(async () =>
        {
            await c.Live.Chat.Email.DispatchDueAsync();
            return Sent() >= 1;
        }, TimeSpan.FromSeconds(30), "the e-mail of the window that ended during the downtime");
        for (var i = 0; i < 3; i++)
        {
            c.Time.Advance(TimeSpan.FromSeconds(61));
            await Task.Delay(1000);
            await c.Live.Chat.Email.DispatchDueAsync();
        }
        Sent().Should().Be(1);
    }
}
