using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using static Chk18c.H;

namespace Chk18c;

/// <summary>Area 1: timing races on one shared FakeTimeProvider across servers (R6, R7, R1/W5).</summary>
public class TimingTests
{
    private static Action<LiveChatOptions> Offers(Action<LiveChatOptions>? more = null) => o =>
    {
        o.Routing.Mode = RoutingMode.Offer;
        o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);
        more?.Invoke(o);
    };

    // reference.md R7: "an offer not accepted within a timeout moves to the next agent"; "Each fires exactly once in
    // effect: ... an offer never expires twice" (issue 18).
    [Fact]
    public async Task OfferExpiry_WithClockMovesInterleavedWithCallsThroughOtherServers_MovesToTheOtherAgentExactlyOnce()
    {
        await using var c = await Cluster.StartAsync(3, Offers());
        await c.RegisterOnlineAsync(c[0], "a1", 2);
        await c.RegisterOnlineAsync(c[1], "a2", 2);
        var (conv, token) = await c.StartConversationAsync(c[2]);
        var outcome = await c[2].Chat.Visitors.RequestAgentAsync(c.Ws, conv.Id, token);
        outcome.Should().Be(HandoffOutcome.Offered);
        var first = (await c.GetAsync(c[0], conv.Id)).Routing!.Offer!.AgentId;
        var other = first == A("a1") ? A("a2") : A("a1");

        c.Time.Advance(TimeSpan.FromSeconds(10));
        await c[0].Chat.Agents.HeartbeatAsync(c.Ws, first);
        await c[2].Chat.Visitors.PostAsync(c.Ws, conv.Id, token, "still there?", "m1");
        c.Time.Advance(TimeSpan.FromSeconds(10));
        await c[1].Chat.Agents.HeartbeatAsync(c.Ws, other);
        (await c.GetAsync(c[1], conv.Id)).Routing!.Offer!.AgentId.Should().Be(first, "the lease has 10 s left");
        c.Time.Advance(TimeSpan.FromSeconds(11));

        await Wait.UntilAsync(async () => (await c.GetAsync(c[2], conv.Id)).Routing?.Offer?.AgentId == other, Wait.Long,
            "the expired offer to move to the other agent");
        await Wait.UntilAsync(() => c.Count(conv.Id, other.Value, AgentNotificationKind.Offered) >= 1 &&
                                    c.Count(conv.Id, first.Value, AgentNotificationKind.OfferWithdrawn) >= 1, Wait.Long, "notifications");
        await Task.Delay(Wait.Quiet); // bounded window for duplicates
        c.Count(conv.Id, first.Value, AgentNotificationKind.Offered).Should().Be(1, c.Describe(conv.Id));
        c.Count(conv.Id, other.Value, AgentNotificationKind.Offered).Should().Be(1, c.Describe(conv.Id));
        c.Count(conv.Id, first.Value, AgentNotificationKind.OfferWithdrawn).Should().Be(1, c.Describe(conv.Id));
        c.CountAnyAgent(conv.Id, AgentNotificationKind.Assigned).Should().Be(0);
    }

    // reference.md "Offers": "a late accept gets OfferExpiredException and someone else's offer OfferNotFoundException".
    [Fact]
    public async Task AfterExpiry_LateAcceptThroughAnotherServerIsRefused_AndTheNewOfferIsAcceptedThroughAThird()
    {
        await using var c = await Cluster.StartAsync(3, Offers());
        await c.RegisterOnlineAsync(c[0], "a1", 2);
        await c.RegisterOnlineAsync(c[1], "a2", 2);
        var id = await c.QueueAsync(c[2]);
        var offer1 = (await c.GetAsync(c[0], id)).Routing!.Offer!;
        var other = offer1.AgentId == A("a1") ? A("a2") : A("a1");
        c.Time.Advance(TimeSpan.FromSeconds(31));
        await Wait.UntilAsync(async () => (await c.GetAsync(c[2], id)).Routing?.Offer?.AgentId == other, Wait.Long, "offer moved");
        var offer2 = (await c.GetAsync(c[2], id)).Routing!.Offer!;

        var late = async () => await c[1].Chat.Conversations.AcceptOfferAsync(c.Ws, id, offer1.AgentId, offer1.Token);
        (await late.Should().ThrowAsync<LiveChatException>()).Which.Should().BeOfType<OfferExpiredException>();
        var stolen = async () => await c[0].Chat.Conversations.AcceptOfferAsync(c.Ws, id, offer1.AgentId, offer2.Token);
        await stolen.Should().ThrowAsync<OfferNotFoundException>();

        var accepted = await c[2].Chat.Conversations.AcceptOfferAsync(c.Ws, id, other, offer2.Token);
        accepted.AssignedAgentId.Should().Be(other);
        accepted.State.Should().Be(ConversationState.Assigned);
        (await c.AgentAsync(c[0], other.Value)).OpenConversations.Should().Be(1);
        (await c.AgentAsync(c[1], offer1.AgentId.Value)).OpenConversations.Should().Be(0);
    }

    // R7 fencing: "an accept must present the live one"; issue 18: "an offer never expires twice". An accept racing the
    // expiry through another server either wins (then nothing moves) or loses (then the offer moves), never both.
    [Fact]
    public async Task AcceptRacingTheExpiry_ThroughAnotherServer_EitherAssignsOrMoves_NeverBoth()
    {
        await using var c = await Cluster.StartAsync(3, Offers());
        await c.RegisterOnlineAsync(c[0], "a1", 2);
        await c.RegisterOnlineAsync(c[1], "a2", 2);
        var id = await c.QueueAsync(c[2]);
        var offer = (await c.GetAsync(c[0], id)).Routing!.Offer!;
        var other = offer.AgentId == A("a1") ? A("a2") : A("a1");
        c.Time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));

        var accept = Task.Run(async () => await c[1].Chat.Conversations.AcceptOfferAsync(c.Ws, id, offer.AgentId, offer.Token));
        c.Time.Advance(TimeSpan.FromMilliseconds(2));
        Conversation? won = null;
        try { won = await accept; }
        catch (OfferExpiredException) { }

        await Task.Delay(Wait.Quiet);
        var now = await c.GetAsync(c[2], id);
        if (won is not null)
        {
            now.AssignedAgentId.Should().Be(offer.AgentId);
            c.Count(id, other.Value, AgentNotificationKind.Offered).Should().Be(0, "an accepted offer must not also move: " + c.Describe(id));
            (await c.AgentAsync(c[0], other.Value)).OpenConversations.Should().Be(0);
        }
        else
        {
            await Wait.UntilAsync(async () => (await c.GetAsync(c[2], id)).Routing?.Offer?.AgentId == other, Wait.Long, "offer moved after the lost accept");
            (await c.AgentAsync(c[0], offer.AgentId.Value)).OpenConversations.Should().Be(0);
        }
        c.CountAnyAgent(id, AgentNotificationKind.OfferWithdrawn).Should().BeLessThanOrEqualTo(1, c.Describe(id));
    }

    // R7 "moves to the next agent" + R1/R2 "An agent whose presence lapsed receives no conversation": no offer ever goes to
    // an absent agent, whichever server's call or clock move makes it.
    [Fact]
    public async Task Offers_NeverGoToAnAgentWhosePresenceLapsed_EvenAfterAnExpiry()
    {
        await using var c = await Cluster.StartAsync(3, Offers(o => o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60)));
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        await c.RegisterOnlineAsync(c[1], "a2", 3);
        c.Time.Advance(TimeSpan.FromSeconds(40));
        await c[1].Chat.Agents.HeartbeatAsync(c.Ws, A("a1"));
        c.Time.Advance(TimeSpan.FromSeconds(30)); // a2 silent for 70 s: absent; a1 seen 30 s ago
        await Wait.UntilAsync(async () => !(await c[2].Chat.Agents.ListAvailableAsync(c.Ws)).Contains(A("a2")), Wait.Long, "a2 absent");

        var id = await c.QueueAsync(c[2]);
        (await c.GetAsync(c[0], id)).Routing!.Offer!.AgentId.Should().Be(A("a1"));
        c.Time.Advance(TimeSpan.FromSeconds(20));
        await c[2].Chat.Agents.HeartbeatAsync(c.Ws, A("a1"));
        c.Time.Advance(TimeSpan.FromSeconds(11));
        await c[0].Chat.Agents.HeartbeatAsync(c.Ws, A("a1"));
        await Wait.UntilAsync(() => c.Count(id, "a1", AgentNotificationKind.OfferWithdrawn) >= 1, Wait.Long, "the offer to a1 expired");
        await Task.Delay(Wait.Quiet);
        c.Count(id, "a2", AgentNotificationKind.Offered).Should().Be(0, c.Describe(id));
        (await c.OwnerAsync(c[1], id)).Should().NotBe(A("a2"));
        (await c.GetAsync(c[1], id)).Routing?.Offer?.AgentId.Should().NotBe(A("a2"));
        c.Count(id, "a1", AgentNotificationKind.OfferWithdrawn).Should().Be(1, c.Describe(id));
    }

    // R6: "Offline or silent agents' conversations requeued after a grace period"; issue 18: presence grace fires once.
    [Fact]
    public async Task SilentAgent_ConversationRequeuedToThePresentAgent_ExactlyOnce_WithHeartbeatsThroughRotatingServers()
    {
        await using var c = await Cluster.StartAsync(3, o =>
        {
            o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60);
            o.Routing.RequeueAfter = TimeSpan.FromMinutes(2);
        });
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        var id = await c.QueueAsync(c[1]);
        (await c.OwnerAsync(c[2], id)).Should().Be(A("a1"));
        await c.RegisterOnlineAsync(c[2], "a2", 3);

        for (var i = 0; i < 13; i++)
        {
            c.Time.Advance(TimeSpan.FromSeconds(20));
            await c[i % 3].Chat.Agents.HeartbeatAsync(c.Ws, A("a2"));
        }
        await Wait.UntilAsync(async () => await c.OwnerAsync(c[0], id) == A("a2"), Wait.Long, "requeued to a2");
        await Wait.UntilAsync(() => c.Count(id, "a1", AgentNotificationKind.ReassignedAway) >= 1, Wait.Long, "a1 told");
        await Wait.UntilAsync(() => c.Count(id, "a2", AgentNotificationKind.Assigned) + c.Count(id, "a2", AgentNotificationKind.ReassignedToYou) >= 1, Wait.Long, "a2 told (the drain's placement notifies after it commits)");
        for (var i = 0; i < 6; i++)
        {
            c.Time.Advance(TimeSpan.FromSeconds(20));
            await c[i % 3].Chat.Agents.HeartbeatAsync(c.Ws, A("a2"));
        }
        await Task.Delay(Wait.Quiet);
        c.Count(id, "a1", AgentNotificationKind.ReassignedAway).Should().Be(1, c.Describe(id));
        (c.Count(id, "a2", AgentNotificationKind.Assigned) + c.Count(id, "a2", AgentNotificationKind.ReassignedToYou)).Should().Be(1, c.Describe(id));
        (await c.AgentAsync(c[1], "a1")).OpenConversations.Should().Be(0);
        (await c.AgentAsync(c[2], "a2")).OpenConversations.Should().Be(1);
        (await c.OwnerAsync(c[0], id)).Should().Be(A("a2"));
    }

    // R6 / SetStatusAsync doc: "Going offline starts the requeue grace period"; RequeueAfter: "so a page reload or a short
    // network drop keeps them". Offline through B, back online through C within the grace: nothing is requeued.
    [Fact]
    public async Task OfflineThroughOneServer_BackOnlineThroughAnotherWithinTheGrace_KeepsTheConversation()
    {
        await using var c = await Cluster.StartAsync(3, o =>
        {
            o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60);
            o.Routing.RequeueAfter = TimeSpan.FromMinutes(2);
        });
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        var id = await c.QueueAsync(c[0]);
        await c.RegisterOnlineAsync(c[2], "a2", 3);
        await c[1].Chat.Agents.SetStatusAsync(c.Ws, A("a1"), AgentStatus.Offline);
        for (var i = 0; i < 3; i++)
        {
            c.Time.Advance(TimeSpan.FromSeconds(20));
            await c[i % 3].Chat.Agents.HeartbeatAsync(c.Ws, A("a2"));
        }
        await c[2].Chat.Agents.SetStatusAsync(c.Ws, A("a1"), AgentStatus.Online);
        for (var i = 0; i < 12; i++)
        {
            c.Time.Advance(TimeSpan.FromSeconds(20));
            await c[i % 3].Chat.Agents.HeartbeatAsync(c.Ws, A("a1"));
            await c[(i + 1) % 3].Chat.Agents.HeartbeatAsync(c.Ws, A("a2"));
        }
        await Wait.StaysFalseAsync(async () => await c.OwnerAsync(c[1], id) != A("a1"), Wait.Quiet, "the conversation left a1");
        c.Count(id, "a1", AgentNotificationKind.ReassignedAway).Should().Be(0, c.Describe(id));
        (await c.AgentAsync(c[0], "a1")).OpenConversations.Should().Be(1);
    }

    // R6: an offline agent's conversations are requeued "after a grace period" - not before it, and once after it.
    [Fact]
    public async Task OfflineAgent_ConversationNotRequeuedBeforeTheGrace_AndRequeuedOnceAfterIt()
    {
        await using var c = await Cluster.StartAsync(3, o =>
        {
            o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60);
            o.Routing.RequeueAfter = TimeSpan.FromMinutes(2);
        });
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        var id = await c.QueueAsync(c[1]);
        await c.RegisterOnlineAsync(c[1], "a2", 3);
        await c[2].Chat.Agents.SetStatusAsync(c.Ws, A("a1"), AgentStatus.Offline);
        for (var i = 0; i < 5; i++) // 100 s < 120 s grace
        {
            c.Time.Advance(TimeSpan.FromSeconds(20));
            await c[i % 3].Chat.Agents.HeartbeatAsync(c.Ws, A("a2"));
        }
        await Wait.StaysFalseAsync(async () => await c.OwnerAsync(c[0], id) != A("a1"), TimeSpan.FromSeconds(1.5), "requeued before the grace ended");
        for (var i = 0; i < 3; i++) // 160 s
        {
            c.Time.Advance(TimeSpan.FromSeconds(20));
            await c[i % 3].Chat.Agents.HeartbeatAsync(c.Ws, A("a2"));
        }
        await Wait.UntilAsync(async () => await c.OwnerAsync(c[2], id) == A("a2"), Wait.Long, "requeued to a2 after the grace");
        await Wait.UntilAsync(() => c.Count(id, "a1", AgentNotificationKind.ReassignedAway) >= 1, Wait.Long, "a1 told (the requeue notifies after it commits)");
        await Task.Delay(Wait.Quiet);
        c.Count(id, "a1", AgentNotificationKind.ReassignedAway).Should().Be(1, c.Describe(id));
        (await c.AgentAsync(c[0], "a1")).OpenConversations.Should().Be(0);
    }

    // W5/R1 in a cluster: "an agent grain per agent collects them from every server"; heartbeats racing clock moves through
    // three servers keep the agent present; once they stop, the presence lapses on every server after the timeout.
    [Fact]
    public async Task HeartbeatsRacingClockMoves_ThroughThreeServers_KeepPresence_ThenItLapsesEverywhere()
    {
        await using var c = await Cluster.StartAsync(3, o => o.Routing.PresenceTimeout = TimeSpan.FromSeconds(30));
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        for (var round = 0; round < 15; round++)
        {
            var beats = Enumerable.Range(0, 3).Select(i => Task.Run(async () => await c[i].Chat.Agents.HeartbeatAsync(c.Ws, A("a1")))).ToList();
            c.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAll(beats);
            (await c[round % 3].Chat.Agents.IsAvailableAsync(c.Ws)).Should().BeTrue($"round {round}: heartbeats every 5 s");
        }
        c.Time.Advance(TimeSpan.FromSeconds(31));
        foreach (var s in c.Servers)
            await Wait.UntilAsync(async () => !await s.Chat.Agents.IsAvailableAsync(c.Ws), Wait.Long, $"presence lapsed on {s.Name}");
        var id = await c.QueueAsync(c[1]);
        (await c.GetAsync(c[2], id)).AssignedAgentId.Should().BeNull("an absent agent receives no conversation");
    }
}
