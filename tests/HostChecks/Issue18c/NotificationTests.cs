using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using static Chk18c.H;

namespace Chk18c;

/// <summary>Area 3: agent notifications (N1, R5) as seen by event subscribers on every server.</summary>
public class NotificationTests
{
    private static List<AgentNotification> NotesOn(Cluster c, Server s, ConversationId id) =>
        c.SeenBy(s).OfType<AgentNotification>().Where(n => n.ConversationId == id).ToList();

    // reference.md R5: "every eligible agent is notified; first claim wins, the others' alert is withdrawn"; N1; scale-out.md:
    // "Each server relays the events of the whole cluster"; engine.Events: "each event appears there on the server that
    // committed it and nowhere else".
    [Fact]
    public async Task AlertMode_EveryAgentAlertedOnce_OnEveryServer_OneClaimWins_TheOthersToldOnce()
    {
        await using var c = await Cluster.StartAsync(3, o => o.Routing.Mode = RoutingMode.Alert);
        for (var i = 0; i < 3; i++) await c.RegisterOnlineAsync(c[i], $"a{i + 1}", 3);
        var id = await c.QueueAsync(c[0]);
        await Wait.UntilAsync(() => c.Servers.All(s => NotesOn(c, s, id).Count(n => n.Kind == AgentNotificationKind.NewRequest) >= 3), Wait.Long,
            "each server's event source to carry the three alerts");

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            try { await c[(i + 1) % 3].Chat.Conversations.ClaimAsync(c.Ws, id, A($"a{i + 1}")); return (Agent: $"a{i + 1}", Error: (Exception?)null); }
            catch (Exception e) { return (Agent: $"a{i + 1}", Error: e); }
        })));
        results.Count(r => r.Error is null).Should().Be(1);
        results.Where(r => r.Error is not null).Select(r => r.Error).Should().AllBeOfType<ConversationAlreadyClaimedException>();
        var winner = results.Single(r => r.Error is null).Agent;
        var losers = results.Where(r => r.Error is not null).Select(r => r.Agent).ToList();

        await Wait.UntilAsync(() => c.Servers.All(s => NotesOn(c, s, id).Count(n => n.Kind == AgentNotificationKind.RequestTaken) >= 2), Wait.Long, "RequestTaken relayed");
        // Routing tells the winner after the losers, and each server relays in batches: wait for it everywhere too.
        await Wait.UntilAsync(() => c.Servers.All(s => NotesOn(c, s, id).Any(n => n.AgentId == A(winner) && n.Kind == AgentNotificationKind.Assigned)), Wait.Long, "Assigned relayed");
        await Task.Delay(Wait.Quiet);
        foreach (var a in new[] { "a1", "a2", "a3" }) c.Count(id, a, AgentNotificationKind.NewRequest).Should().Be(1, c.Describe(id));
        foreach (var a in losers) c.Count(id, a, AgentNotificationKind.RequestTaken).Should().Be(1, c.Describe(id));
        c.Count(id, winner, AgentNotificationKind.RequestTaken).Should().Be(0, c.Describe(id));
        c.Count(id, winner, AgentNotificationKind.Assigned).Should().Be(1, c.Describe(id));
        foreach (var s in c.Servers)
        {
            var seen = NotesOn(c, s, id);
            foreach (var a in new[] { "a1", "a2", "a3" })
                seen.Count(n => n.AgentId == A(a) && n.Kind == AgentNotificationKind.NewRequest).Should().Be(1, $"{a} NewRequest on {s.Name}");
            foreach (var a in losers)
                seen.Count(n => n.AgentId == A(a) && n.Kind == AgentNotificationKind.RequestTaken).Should().Be(1, $"{a} RequestTaken on {s.Name}");
            seen.Count(n => n.AgentId == A(winner) && n.Kind == AgentNotificationKind.Assigned).Should().Be(1, $"{winner} Assigned on {s.Name}");
        }
    }

    // reference.md R5: "while the request waits, each agent who becomes eligible later (comes online ...), once".
    [Fact]
    public async Task AlertMode_AnAgentComingOnlineThroughAnotherServer_IsAlertedOnce_AndTheFirstIsNotAlertedAgain()
    {
        await using var c = await Cluster.StartAsync(3, o => o.Routing.Mode = RoutingMode.Alert);
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        var id = await c.QueueAsync(c[1]);
        await Wait.UntilAsync(() => c.Count(id, "a1", AgentNotificationKind.NewRequest) == 1, Wait.Long, "a1 alerted");
        await c.RegisterOnlineAsync(c[2], "a2", 3);
        await Wait.UntilAsync(() => c.Count(id, "a2", AgentNotificationKind.NewRequest) >= 1, Wait.Long, "a2 alerted");
        await c[0].Chat.Agents.HeartbeatAsync(c.Ws, A("a2"));
        await c[1].Chat.Agents.HeartbeatAsync(c.Ws, A("a1"));
        await Task.Delay(Wait.Quiet);
        c.Count(id, "a2", AgentNotificationKind.NewRequest).Should().Be(1, c.Describe(id));
        c.Count(id, "a1", AgentNotificationKind.NewRequest).Should().Be(1, c.Describe(id));
        (await c.OwnerAsync(c[0], id)).Should().BeNull("alert mode only announces");
    }

    // AgentNotificationKind.RequestTaken: "A pending request you were alerted to was taken by another agent, or ended:
    // clear the alert." The visitor ends through a server other than the one that alerted.
    [Fact]
    public async Task AlertMode_RequestEndedByTheVisitorThroughAnotherServer_ClearsEachAlertOnce()
    {
        await using var c = await Cluster.StartAsync(3, o => o.Routing.Mode = RoutingMode.Alert);
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        await c.RegisterOnlineAsync(c[1], "a2", 3);
        var (conv, token) = await c.StartConversationAsync(c[0]);
        await c[0].Chat.Visitors.RequestAgentAsync(c.Ws, conv.Id, token);
        await Wait.UntilAsync(() => c.CountAnyAgent(conv.Id, AgentNotificationKind.NewRequest) == 2, Wait.Long, "both alerted");
        await c[2].Chat.Visitors.EndAsync(c.Ws, conv.Id, token);
        await Wait.UntilAsync(() => c.CountAnyAgent(conv.Id, AgentNotificationKind.RequestTaken) >= 2, Wait.Long, "alerts cleared: " + c.Describe(conv.Id));
        await Task.Delay(Wait.Quiet);
        c.Count(conv.Id, "a1", AgentNotificationKind.RequestTaken).Should().Be(1, c.Describe(conv.Id));
        c.Count(conv.Id, "a2", AgentNotificationKind.RequestTaken).Should().Be(1, c.Describe(conv.Id));
    }

    // reference.md "Ports and defaults": "every publisher then receives each conversation's events in the order they were
    // committed"; N1 "new message" only for visitor messages in the agent's conversation. On every server's event source the
    // agent is told it owns the conversation before it is told of a new message, each once, in sequence order.
    [Fact]
    public async Task NewMessageNotifications_OnEveryServer_ComeAfterAssigned_OnceEach_InSequenceOrder()
    {
        await using var c = await Cluster.StartAsync(3);
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        var (conv, token) = await c.StartConversationAsync(c[1]);
        (await c[1].Chat.Visitors.RequestAgentAsync(c.Ws, conv.Id, token)).Should().Be(HandoffOutcome.Assigned);
        var sequences = new List<long>();
        for (var i = 0; i < 6; i++)
            sequences.Add((await c[(i + 2) % 3].Chat.Visitors.PostAsync(c.Ws, conv.Id, token, $"question {i}", $"q{i}")).Sequence);

        await Wait.UntilAsync(() => c.Servers.All(s => NotesOn(c, s, conv.Id).Count(n => n.Kind == AgentNotificationKind.NewMessage) >= 6), Wait.Long,
            "six NewMessage notifications on every server");
        await Task.Delay(Wait.Quiet);
        foreach (var s in c.Servers)
        {
            var mine = NotesOn(c, s, conv.Id).Where(n => n.AgentId == A("a1")).ToList();
            var kinds = string.Join(",", mine.Select(n => n.Kind + (n.MessageSequence is { } q ? "#" + q : "")));
            mine.Count(n => n.Kind == AgentNotificationKind.Assigned).Should().Be(1, $"on {s.Name}: {kinds}");
            mine.FindIndex(n => n.Kind == AgentNotificationKind.Assigned).Should().BeLessThan(
                mine.FindIndex(n => n.Kind == AgentNotificationKind.NewMessage), $"on {s.Name}: {kinds}");
            mine.Where(n => n.Kind == AgentNotificationKind.NewMessage).Select(n => n.MessageSequence!.Value)
                .Should().Equal(sequences, $"on {s.Name}: once each, in order");
        }
    }

    // scale-out.md "Chat across servers": "Each outbox sends batches, one call at a time, in commit order"; ILiveChatEventSource:
    // "never invented". Posts of visitor and agent alternating through three servers reach every server's event source once
    // each, in sequence order.
    [Fact]
    public async Task MessagesPostedThroughAlternatingServers_ReachEveryServerOnceEach_InSequenceOrder()
    {
        await using var c = await Cluster.StartAsync(3);
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        var (conv, token) = await c.StartConversationAsync(c[0]);
        await c[0].Chat.Visitors.RequestAgentAsync(c.Ws, conv.Id, token);
        var sequences = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            var via = c[i % 3];
            var m = i % 2 == 0
                ? await via.Chat.Visitors.PostAsync(c.Ws, conv.Id, token, $"v{i}", $"v{i}")
                : await via.Chat.Conversations.PostAgentMessageAsync(c.Ws, conv.Id, A("a1"), $"r{i}", $"r{i}");
            sequences.Add(m.Sequence);
        }
        foreach (var s in c.Servers)
            await Wait.UntilAsync(() => sequences.All(q => c.SeenBy(s).OfType<MessagePosted>().Any(m => m.Message.ConversationId == conv.Id && m.Message.Sequence == q)),
                Wait.Long, $"all messages on {s.Name}");
        await Task.Delay(Wait.Quiet);
        foreach (var s in c.Servers)
        {
            var seq = c.SeenBy(s).OfType<MessagePosted>().Where(m => m.Message.ConversationId == conv.Id).Select(m => m.Message.Sequence).ToList();
            seq.Should().OnlyHaveUniqueItems($"on {s.Name}: {string.Join(",", seq)}");
            seq.Should().BeInAscendingOrder($"on {s.Name}: {string.Join(",", seq)}");
        }
        c.Committed.OfType<MessagePosted>().Count(m => m.Message.ConversationId == conv.Id && sequences.Contains(m.Message.Sequence))
            .Should().Be(12, "the engines' own hubs together carry each message once");
    }

    // N1 "ended"; AgentNotificationKind.Ended "Your conversation ended." Ended through a third server: once in the cluster,
    // once on each server's event source, and the state change is seen with the Ended state everywhere.
    [Fact]
    public async Task EndedThroughAnotherServer_OwnerToldOnce_OnEveryServer()
    {
        await using var c = await Cluster.StartAsync(3);
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        var (conv, token) = await c.StartConversationAsync(c[1]);
        await c[1].Chat.Visitors.RequestAgentAsync(c.Ws, conv.Id, token);
        await c[2].Chat.Visitors.EndAsync(c.Ws, conv.Id, token);
        await Wait.UntilAsync(() => c.Servers.All(s => NotesOn(c, s, conv.Id).Any(n => n.Kind == AgentNotificationKind.Ended)), Wait.Long, "Ended everywhere");
        await Task.Delay(Wait.Quiet);
        c.Count(conv.Id, "a1", AgentNotificationKind.Ended).Should().Be(1, c.Describe(conv.Id));
        foreach (var s in c.Servers)
        {
            NotesOn(c, s, conv.Id).Count(n => n.Kind == AgentNotificationKind.Ended).Should().Be(1, s.Name);
            c.SeenBy(s).OfType<ConversationStateChanged>().Should().Contain(e => e.ConversationId == conv.Id && e.Conversation.State == ConversationState.Ended);
        }
        (await c.AgentAsync(c[0], "a1")).OpenConversations.Should().Be(0);
    }

    // reference.md "Notifications": "An Offered notification carries the offer's fencing token, which that agent needs to
    // accept"; "No event carries ... an offer token (except the Offered notification)". The token on another server's
    // event source is the live one and accepts through a third server.
    [Fact]
    public async Task OfferedNotification_RelayedToAnotherServer_CarriesTheLiveToken_ThatAcceptsThroughAThird()
    {
        await using var c = await Cluster.StartAsync(3, o => o.Routing.Mode = RoutingMode.Offer);
        await c.RegisterOnlineAsync(c[0], "a1", 3);
        var id = await c.QueueAsync(c[1]);
        await Wait.UntilAsync(() => NotesOn(c, c[2], id).Any(n => n.Kind == AgentNotificationKind.Offered), Wait.Long, "Offered relayed to S3");
        var note = NotesOn(c, c[2], id).Single(n => n.Kind == AgentNotificationKind.Offered);
        note.AgentId.Should().Be(A("a1"));
        note.Offer.Should().NotBeNull();
        c.SeenBy(c[2]).OfType<ConversationStateChanged>().Where(e => e.ConversationId == id)
            .Should().OnlyContain(e => e.Conversation.PendingOffer == null || e.Conversation.PendingOffer.AgentId == A("a1"));
        var accepted = await c[0].Chat.Conversations.AcceptOfferAsync(c.Ws, id, A("a1"), note.Offer!.Token);
        accepted.AssignedAgentId.Should().Be(A("a1"));
        await Wait.UntilAsync(() => c.Count(id, "a1", AgentNotificationKind.Assigned) == 1, Wait.Long, "Assigned after accept");
    }
}
