using System.Collections.Concurrent;

namespace Issue15b;

/// <summary>
/// Check 3 (N1), deterministic cases: who is told what, once, in order, for a reassignment, a requeue after the presence
/// grace (fake clock), Manual/Alert new requests including an agent who becomes eligible later, and an offer's expiry
/// racing its accept.
/// </summary>
public sealed class NotificationTests
{
    private static readonly WorkspaceId Ws = new("n1");

    private static List<AgentNotificationKind> Told(Chat chat, ConversationId id, AgentId agent)
        => chat.Events.Notifications(id).Where(n => n.AgentId == agent).Select(n => n.Kind).ToList();

    [Fact]
    public async Task Reassign_TellsTheOldOwnerAway_AndTheNewOwnerOnce_NobodyElse()
    {
        await using var chat = Chat.Create();
        var a = await chat.AgentAsync(Ws, "a");
        var b = await chat.AgentAsync(Ws, "b");
        var c3 = await chat.AgentAsync(Ws, "c");
        var (c, token) = await chat.StartAsync(Ws);
        await chat.Conversations.ClaimAsync(Ws, c.Id, a);
        await chat.Visitors.PostAsync(Ws, c.Id, token, "hello?");
        await chat.Conversations.AssignAsync(Ws, c.Id, b);
        await chat.Visitors.PostAsync(Ws, c.Id, token, "anyone?");
        await chat.Conversations.EndAsync(Ws, c.Id, b);
        await Wait.UntilAsync(() => Told(chat, c.Id, b).Contains(AgentNotificationKind.Ended), "b told of the end");
        await Wait.UntilAsync(() => chat.Events.For(c.Id).OfType<ConversationStateChanged>().Any(e => e.Conversation.State == ConversationState.Ended), "end published");

        Told(chat, c.Id, a).Should().Equal([AgentNotificationKind.Assigned, AgentNotificationKind.NewMessage, AgentNotificationKind.ReassignedAway], "a: claimed, told of the visitor's message, then taken away");
        Told(chat, c.Id, b).Should().Equal([AgentNotificationKind.ReassignedToYou, AgentNotificationKind.NewMessage, AgentNotificationKind.Ended], "b: reassigned to, told of the next message, then the end");
        Told(chat, c.Id, c3).Should().BeEmpty("c never had anything to do with it");
        await ConcurrencyTests.AssertStreamAsync(chat, c.Id, Ws);
    }

    [Fact]
    public async Task Requeue_AfterThePresenceGrace_TellsTheAbsentAgent_AndPlacesItWithAnotherOnce()
    {
        await using var chat = Chat.Create(o =>
        {
            o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60);
            o.Routing.RequeueAfter = TimeSpan.FromSeconds(120);
            o.Routing.RequeuePolicy = RequeuePolicy.Requeue;
        });
        var a = await chat.AgentAsync(Ws, "a", 3);
        var (c, _) = await chat.StartAsync(Ws);
        (await chat.Conversations.RequestAgentAsync(Ws, c.Id, RoutingTarget.Workspace)).Conversation.AssignedAgentId.Should().Be(a);
        var b = await chat.AgentAsync(Ws, "b", 3);
        await chat.Agents.SetStatusAsync(Ws, a, AgentStatus.Offline);
        for (var i = 0; i < 5; i++)
        {
            chat.Time.Advance(TimeSpan.FromSeconds(30));
            await chat.Agents.HeartbeatAsync(Ws, b);
        }
        await Wait.UntilAsync(async () => (await chat.Conversations.GetAsync(Ws, c.Id)).AssignedAgentId == b, "R6: requeued after the grace and placed with b");
        await Wait.UntilAsync(() => Told(chat, c.Id, b).Contains(AgentNotificationKind.Assigned) && Told(chat, c.Id, a).Contains(AgentNotificationKind.ReassignedAway), "both told");
        Told(chat, c.Id, a).Should().Equal([AgentNotificationKind.Assigned, AgentNotificationKind.ReassignedAway], "the absent agent: once assigned, once taken away");
        Told(chat, c.Id, b).Should().Equal([AgentNotificationKind.Assigned], "the new owner: once");
        (await chat.Agents.GetAsync(Ws, a)).OpenConversations.Should().Be(0);
        (await chat.Agents.GetAsync(Ws, b)).OpenConversations.Should().Be(1);
    }

    [Theory]
    [InlineData(RoutingMode.Alert, "RoundRobin")]
    [InlineData(RoutingMode.Assign, "Manual")]
    public async Task NewRequest_ToEveryEligibleAgentOnce_ALateComerOnce_AndRequestTakenOnClaim(RoutingMode mode, string strategy)
    {
        await using var chat = Chat.Create(o => { o.Routing.Mode = mode; o.Routing.Strategy = HandoffAnswerTests.Strategy(strategy); });
        await chat.Agents.DefineTeamAsync(Ws, new Team(new TeamId("sales"), "Sales"));
        var a = await chat.AgentAsync(Ws, "a", 3, true, "sales");
        var b = await chat.AgentAsync(Ws, "b", 3, true, "sales");
        var outsider = await chat.AgentAsync(Ws, "outsider", 3, true);
        var late = await chat.AgentAsync(Ws, "late", 3, false, "sales");
        var (c, _) = await chat.StartAsync(Ws);
        var r = await chat.Conversations.RequestAgentAsync(Ws, c.Id, RoutingTarget.ToTeam(new TeamId("sales")));
        r.Outcome.Should().Be(HandoffOutcome.Queued);
        await Wait.UntilAsync(() => Told(chat, c.Id, a).Contains(AgentNotificationKind.NewRequest) && Told(chat, c.Id, b).Contains(AgentNotificationKind.NewRequest), "a and b alerted");

        await chat.Agents.SetStatusAsync(Ws, late, AgentStatus.Online);
        await Wait.UntilAsync(() => Told(chat, c.Id, late).Contains(AgentNotificationKind.NewRequest), "an agent who becomes eligible later is alerted");
        await chat.Agents.HeartbeatAsync(Ws, late);
        await chat.Agents.SetStatusAsync(Ws, late, AgentStatus.Online);

        await chat.Conversations.ClaimAsync(Ws, c.Id, b);
        await Wait.UntilAsync(() => Told(chat, c.Id, a).Contains(AgentNotificationKind.RequestTaken) && Told(chat, c.Id, late).Contains(AgentNotificationKind.RequestTaken), "alerts withdrawn");
        await chat.Conversations.EndAsync(Ws, c.Id, b);
        await Wait.UntilAsync(() => Told(chat, c.Id, b).Contains(AgentNotificationKind.Ended), "end told");

        Told(chat, c.Id, a).Should().Equal([AgentNotificationKind.NewRequest, AgentNotificationKind.RequestTaken]);
        Told(chat, c.Id, late).Should().Equal([AgentNotificationKind.NewRequest, AgentNotificationKind.RequestTaken], "once, though its status and heartbeat were sent again");
        Told(chat, c.Id, b).Should().Equal([AgentNotificationKind.NewRequest, AgentNotificationKind.Assigned, AgentNotificationKind.Ended]);
        Told(chat, c.Id, outsider).Should().BeEmpty("not in the target team");
    }

    [Fact]
    public async Task OfferExpiryRacingTheAccept_HasOneOutcome_AndSeatsStayWithinCapacity()
    {
        await using var chat = Chat.Create(o => { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromSeconds(30); o.Routing.PresenceTimeout = TimeSpan.FromMinutes(30); });
        var agents = new List<AgentId>();
        for (var i = 0; i < 3; i++) agents.Add(await chat.AgentAsync(Ws, $"agent-{i}", 2));
        for (var round = 0; round < 5; round++)
        {
            var offered = new List<HandoffResult>();
            for (var i = 0; i < 6; i++)
            {
                var (c, _) = await chat.StartAsync(Ws);
                var r = await chat.Conversations.RequestAgentAsync(Ws, c.Id, RoutingTarget.Workspace);
                if (r.Outcome == HandoffOutcome.Offered) offered.Add(r);
            }
            offered.Should().HaveCount(6, "3 agents × 2 seats");
            var outcomes = new ConcurrentDictionary<ConversationId, string>();
            var work = offered.Select(h => Task.Run(async () =>
            {
                var o = h.Conversation.Routing!.Offer!;
                try { await chat.Conversations.AcceptOfferAsync(Ws, h.Conversation.Id, o.AgentId, o.Token); outcomes[h.Conversation.Id] = "accepted"; }
                catch (OfferExpiredException) { outcomes[h.Conversation.Id] = "expired"; }
            })).ToList();
            work.Add(Task.Run(() => chat.Time.Advance(TimeSpan.FromSeconds(31))));
            await Wait.Within(Task.WhenAll(work), "accepts racing the expiry", 30);

            foreach (var h in offered)
            {
                var o = h.Conversation.Routing!.Offer!;
                var now = await chat.Conversations.GetAsync(Ws, h.Conversation.Id);
                if (outcomes[h.Conversation.Id] == "accepted")
                {
                    now.State.Should().Be(ConversationState.Assigned, "an accepted offer is not undone by its expiry");
                    now.AssignedAgentId.Should().Be(o.AgentId);
                }
                else
                {
                    now.AssignedAgentId.Should().NotBe(o.AgentId, "an expired offer's accept gave nothing");
                }
            }
            // Seats: what each agent owns plus the offers waiting for it stay within its capacity.
            // Re-offers after the expiry may still be moving offers between agents (routing's reactions, off the calls' path):
            // count seats on a read that a second read repeats, so no conversation is counted on both sides of a move.
            async Task<List<AgentId?>> HoldersAsync()
            {
                var holders = new List<AgentId?>();
                foreach (var h in offered)
                {
                    var now = await chat.Conversations.GetAsync(Ws, h.Conversation.Id);
                    holders.Add(now.State == ConversationState.Assigned ? now.AssignedAgentId : now.Routing?.Offer?.AgentId);
                }
                return holders;
            }
            var settled = await HoldersAsync();
            await Wait.UntilAsync(async () => { var again = await HoldersAsync(); var same = again.SequenceEqual(settled); settled = again; return same; }, "a read of the seats that a second read repeats");
            var held = settled.OfType<AgentId>().GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
            held.Values.Should().OnlyContain(n => n <= 2, "owned plus offered within capacity 2");
            foreach (var h in offered)
            {
                var now = await chat.Conversations.GetAsync(Ws, h.Conversation.Id);
                if (now.State == ConversationState.Unassigned && now.Routing?.Offer is { } live)
                {
                    try { await chat.Conversations.AcceptOfferAsync(Ws, now.Id, live.AgentId, live.Token); } catch (LiveChatException) { }
                }
            }
            foreach (var h in offered) await chat.Conversations.EndAsync(Ws, h.Conversation.Id, null);
            chat.Time.Advance(TimeSpan.FromSeconds(31)); // let any lease of an ended offer run out (see Offer_EndedWhileOffered_*)
            await Wait.UntilAsync(async () => await chat.Agents.IsAvailableAsync(Ws, RoutingTarget.Workspace) && (await chat.Agents.ListAvailableAsync(Ws, RoutingTarget.Workspace)).Count == 3, "every seat free for the next round");
        }
    }

    [Fact]
    public async Task OfferExpiry_TellsTheFirstAgentWithdrawnOnce_AndOffersTheNextOnce()
    {
        await using var chat = Chat.Create(o => { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromSeconds(30); });
        var a = await chat.AgentAsync(Ws, "a");
        var b = await chat.AgentAsync(Ws, "b");
        var (c, _) = await chat.StartAsync(Ws);
        var r = await chat.Conversations.RequestAgentAsync(Ws, c.Id, RoutingTarget.Workspace);
        var first = r.Conversation.Routing!.Offer!;
        var second = first.AgentId == a ? b : a;
        chat.Time.Advance(TimeSpan.FromSeconds(31));
        await Wait.UntilAsync(() => Told(chat, c.Id, second).Contains(AgentNotificationKind.Offered), "the next agent is offered it");
        var live = (await chat.Conversations.GetAsync(Ws, c.Id)).Routing!.Offer!;
        live.AgentId.Should().Be(second);
        await chat.Conversations.AcceptOfferAsync(Ws, c.Id, live.AgentId, live.Token);
        await Wait.UntilAsync(() => Told(chat, c.Id, second).Contains(AgentNotificationKind.Assigned), "assigned told");
        await Wait.UntilAsync(() => Told(chat, c.Id, first.AgentId).Contains(AgentNotificationKind.OfferWithdrawn), "N1: the first agent's offer expired: OfferWithdrawn");
        Told(chat, c.Id, first.AgentId).Should().Equal([AgentNotificationKind.Offered, AgentNotificationKind.OfferWithdrawn], "offered once, withdrawn once");
        Told(chat, c.Id, second).Should().Equal([AgentNotificationKind.Offered, AgentNotificationKind.Assigned], "offered once, assigned once");
        chat.Events.Notifications(c.Id).Where(n => n.Kind == AgentNotificationKind.Offered).Select(n => n.Offer!.Token).Should().Equal([first.Token, live.Token]);
    }
}
