namespace Issue15b;

public enum Entry { ConversationService, VisitorService, VisitorSession }

/// <summary>
/// Check 1: a handoff's answer (HandoffOutcome) in every mode and strategy, with teams and direct targets, matches what
/// the store holds for that conversation right after the call, and a later read (once the conversation's events have
/// been published) does not contradict it.
/// </summary>
public sealed class HandoffAnswerTests : IAsyncLifetime
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"issue15b-{Guid.NewGuid():N}.db");
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync()
    {
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" }) { try { File.Delete(f); } catch { } }
        return Task.CompletedTask;
    }

    private static readonly WorkspaceId Acme = new("acme");

    internal static async Task<HandoffResult> RequestAsync(Chat chat, WorkspaceId ws, ConversationId id, VisitorToken token, RoutingTarget target, Entry entry, CancellationToken ct = default)
    {
        // The visitor entry points answer the outcome only; the conversation is read right after the call.
        return entry switch
        {
            Entry.ConversationService => await chat.Conversations.RequestAgentAsync(ws, id, target, ct),
            Entry.VisitorService => await WithStored(chat, ws, id, await chat.Visitors.RequestAgentAsync(ws, id, token, target, ct)),
            _ => await WithStored(chat, ws, id, await (await chat.Visitors.AuthorizeAsync(ws, id, token, ct)).RequestAgentAsync(target, ct)),
        };
    }

    internal static async Task<HandoffResult> WithStored(Chat chat, WorkspaceId ws, ConversationId id, HandoffOutcome outcome)
        => new(await chat.Conversations.GetAsync(ws, id), outcome);

    /// <summary>The answer says what the store holds; after the conversation's events were published, it still holds.</summary>
    internal static async Task<Conversation> AssertAnswerIsStoredAsync(Chat chat, WorkspaceId ws, HandoffResult result)
    {
        var id = result.Conversation.Id;
        var stored = await chat.Conversations.GetAsync(ws, id);
        AssertMatches(result, stored, "right after the call");

        // Settle point: the notify lane runs after the answer lane, so once the publisher saw the state the answer
        // names, every reaction to the handoff has run. Nothing else touched the conversation, so nothing may differ.
        if (result.Outcome == HandoffOutcome.Offered)
        {
            var token = result.Conversation.Routing!.Offer!.Token;
            await Wait.UntilAsync(() => chat.Events.Notifications(id).Any(n => n.Kind == AgentNotificationKind.Offered && n.Offer?.Token == token),
                $"the publisher saw the Offered notification of {id}");
        }
        else
        {
            await Wait.UntilAsync(() => chat.Events.For(id).OfType<ConversationStateChanged>()
                .Any(e => e.Conversation.Version >= result.Conversation.Version), $"the publisher saw version {result.Conversation.Version} of {id}");
        }
        var later = await chat.Conversations.GetAsync(ws, id);
        AssertMatches(result, later, "after its events were published");
        later.Version.Should().Be(result.Conversation.Version, "nothing else happened to the conversation after the handoff answered");
        chat.Events.For(id).OfType<ConversationStateChanged>().Max(e => e.Conversation.Version)
            .Should().BeLessThanOrEqualTo(result.Conversation.Version, "no later state change was published for a conversation nobody touched");
        return later;
    }

    internal static void AssertMatches(HandoffResult result, Conversation stored, string when)
    {
        result.Conversation.State.Should().Be(stored.State, $"the answer's conversation is the stored one ({when})");
        result.Conversation.Version.Should().Be(stored.Version, $"the answer carries the stored version ({when})");
        result.Conversation.AssignedAgentId.Should().Be(stored.AssignedAgentId, $"same owner ({when})");
        switch (result.Outcome)
        {
            case HandoffOutcome.Assigned:
                stored.State.Should().Be(ConversationState.Assigned, when);
                stored.AssignedAgentId.Should().NotBeNull(when);
                break;
            case HandoffOutcome.Queued:
                stored.State.Should().Be(ConversationState.Unassigned, when);
                stored.AssignedAgentId.Should().BeNull(when);
                stored.Routing.Should().NotBeNull(when);
                stored.Routing!.Offer.Should().BeNull($"Queued is not Offered ({when})");
                break;
            case HandoffOutcome.Offered:
                stored.State.Should().Be(ConversationState.Unassigned, when);
                stored.AssignedAgentId.Should().BeNull(when);
                stored.Routing!.Offer.Should().NotBeNull($"an Offered answer has a live offer stored ({when})");
                stored.Routing!.Offer!.AgentId.Should().Be(result.Conversation.Routing!.Offer!.AgentId, when);
                stored.Routing!.Offer!.Token.Should().Be(result.Conversation.Routing!.Offer!.Token, when);
                break;
            case HandoffOutcome.Offline:
                stored.State.Should().Be(ConversationState.Offline, when);
                stored.AssignedAgentId.Should().BeNull(when);
                break;
            default:
                throw new InvalidOperationException($"undocumented outcome {result.Outcome}");
        }
    }

    public static IEnumerable<object[]> Matrix()
    {
        var cases = new (RoutingMode Mode, string Strategy, HandoffOutcome Expected)[]
        {
            (RoutingMode.Assign, "RoundRobin", HandoffOutcome.Assigned),
            (RoutingMode.Assign, "StrictRoundRobin", HandoffOutcome.Assigned),
            (RoutingMode.Assign, "LeastBusy", HandoffOutcome.Assigned),
            (RoutingMode.Assign, "Manual", HandoffOutcome.Queued),
            (RoutingMode.Offer, "RoundRobin", HandoffOutcome.Offered),
            (RoutingMode.Offer, "LeastBusy", HandoffOutcome.Offered),
            (RoutingMode.Offer, "Manual", HandoffOutcome.Queued),
            (RoutingMode.Alert, "RoundRobin", HandoffOutcome.Queued),
            (RoutingMode.Alert, "LeastBusy", HandoffOutcome.Queued),
        };
        foreach (var c in cases)
            foreach (var e in Enum.GetValues<Entry>())
                yield return [c.Mode, c.Strategy, c.Expected, e];
    }

    internal static RoutingStrategy Strategy(string name) => name switch
    {
        "RoundRobin" => RoutingStrategy.RoundRobin,
        "StrictRoundRobin" => RoutingStrategy.StrictRoundRobin,
        "LeastBusy" => RoutingStrategy.LeastBusy,
        "Manual" => RoutingStrategy.Manual,
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Outcome_MatchesStore_InEveryModeAndStrategy(RoutingMode mode, string strategy, HandoffOutcome expected, Entry entry)
    {
        await using var chat = Chat.Create(o => { o.Routing.Mode = mode; o.Routing.Strategy = Strategy(strategy); });
        var a = await chat.AgentAsync(Acme, "alice");
        var b = await chat.AgentAsync(Acme, "bob");
        var (c, token) = await chat.StartAsync(Acme);

        var result = await Wait.Within(RequestAsync(chat, Acme, c.Id, token, RoutingTarget.Workspace, entry), "handoff");
        result.Outcome.Should().Be(expected);
        var later = await AssertAnswerIsStoredAsync(chat, Acme, result);
        if (expected == HandoffOutcome.Assigned) later.AssignedAgentId.Should().BeOneOf(a, b);

        // Nobody available: Offline in every mode, and stored so.
        await chat.Agents.SetStatusAsync(Acme, a, AgentStatus.Offline);
        await chat.Agents.SetStatusAsync(Acme, b, AgentStatus.Offline);
        var (c2, token2) = await chat.StartAsync(Acme);
        var offline = await Wait.Within(RequestAsync(chat, Acme, c2.Id, token2, RoutingTarget.Workspace, entry), "offline handoff");
        offline.Outcome.Should().Be(HandoffOutcome.Offline, "R2: nobody available sends the visitor to the offline flow");
        await AssertAnswerIsStoredAsync(chat, Acme, offline);
    }

    [Theory]
    [InlineData(RoutingMode.Assign, HandoffOutcome.Assigned)]
    [InlineData(RoutingMode.Offer, HandoffOutcome.Offered)]
    [InlineData(RoutingMode.Alert, HandoffOutcome.Queued)]
    public async Task Outcome_MatchesStore_OnSqlite_AndAfterRestart(RoutingMode mode, HandoffOutcome expected)
    {
        HandoffResult result;
        await using (var chat = Chat.Create(o => o.Routing.Mode = mode, sqlitePath: _db))
        {
            await chat.AgentAsync(Acme, "alice");
            var (c, token) = await chat.StartAsync(Acme);
            result = await Wait.Within(RequestAsync(chat, Acme, c.Id, token, RoutingTarget.Workspace, Entry.VisitorService), "handoff");
            result.Outcome.Should().Be(expected);
            await AssertAnswerIsStoredAsync(chat, Acme, result);
        }
        await using (var again = Chat.Create(o => o.Routing.Mode = mode, sqlitePath: _db))
        {
            var stored = await again.Conversations.GetAsync(Acme, result.Conversation.Id);
            AssertMatches(result, stored, "read by a new host over the same SQLite file");
        }
    }

    [Fact]
    public async Task TeamTarget_GoesToTheTeam_ThenItsFallback_ElseOffline()
    {
        await using var chat = Chat.Create();
        await chat.Agents.DefineTeamAsync(Acme, new Team(new TeamId("support"), "Support"));
        await chat.Agents.DefineTeamAsync(Acme, new Team(new TeamId("sales"), "Sales", FallbackTeam: new TeamId("support")));
        await chat.Agents.DefineTeamAsync(Acme, new Team(new TeamId("vip"), "VIP"));
        var seller = await chat.AgentAsync(Acme, "seller", 5, true, "sales");
        var helper = await chat.AgentAsync(Acme, "helper", 5, true, "support");
        var loner = await chat.AgentAsync(Acme, "loner", 5, true); // no team

        for (var i = 0; i < 3; i++)
        {
            var (c, _) = await chat.StartAsync(Acme);
            var r = await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.ToTeam(new TeamId("sales")));
            r.Outcome.Should().Be(HandoffOutcome.Assigned);
            r.Conversation.AssignedAgentId.Should().Be(seller, "R4: a team target goes to the team's available agent");
            await AssertAnswerIsStoredAsync(chat, Acme, r);
        }

        await chat.Agents.SetStatusAsync(Acme, seller, AgentStatus.Offline);
        var (c2, _) = await chat.StartAsync(Acme);
        var r2 = await chat.Conversations.RequestAgentAsync(Acme, c2.Id, RoutingTarget.ToTeam(new TeamId("sales")));
        r2.Outcome.Should().Be(HandoffOutcome.Assigned);
        r2.Conversation.AssignedAgentId.Should().Be(helper, "R4: nobody in sales, so its fallback team support");
        await AssertAnswerIsStoredAsync(chat, Acme, r2);

        var (c3, _) = await chat.StartAsync(Acme);
        var r3 = await chat.Conversations.RequestAgentAsync(Acme, c3.Id, RoutingTarget.ToTeam(new TeamId("vip")));
        r3.Outcome.Should().Be(HandoffOutcome.Offline, "nobody in vip and no fallback: the offline flow, though loner and helper are free");
        await AssertAnswerIsStoredAsync(chat, Acme, r3);
        (await chat.Conversations.GetAsync(Acme, c3.Id)).AssignedAgentId.Should().BeNull();
        _ = loner;
    }

    [Fact]
    public async Task AgentTarget_GoesToTheAgent_ThenTheFallbackTeam_ElseOffline()
    {
        await using var chat = Chat.Create();
        await chat.Agents.DefineTeamAsync(Acme, new Team(new TeamId("support"), "Support"));
        var alice = await chat.AgentAsync(Acme, "alice", 5);
        var bob = await chat.AgentAsync(Acme, "bob", 5);
        var helper = await chat.AgentAsync(Acme, "helper", 5, true, "support");

        for (var i = 0; i < 3; i++)
        {
            var (c, _) = await chat.StartAsync(Acme);
            var r = await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.ToAgent(bob));
            r.Outcome.Should().Be(HandoffOutcome.Assigned);
            r.Conversation.AssignedAgentId.Should().Be(bob, "R4: a named teammate gets it while available, whoever's turn it is");
            await AssertAnswerIsStoredAsync(chat, Acme, r);
        }

        await chat.Agents.SetStatusAsync(Acme, bob, AgentStatus.Away);
        var (c2, _) = await chat.StartAsync(Acme);
        var r2 = await chat.Conversations.RequestAgentAsync(Acme, c2.Id, RoutingTarget.ToAgent(bob, new TeamId("support")));
        r2.Outcome.Should().Be(HandoffOutcome.Assigned);
        r2.Conversation.AssignedAgentId.Should().Be(helper, "the fallback team given with the agent");
        await AssertAnswerIsStoredAsync(chat, Acme, r2);

        var (c3, _) = await chat.StartAsync(Acme);
        var r3 = await chat.Conversations.RequestAgentAsync(Acme, c3.Id, RoutingTarget.ToAgent(bob));
        r3.Outcome.Should().Be(HandoffOutcome.Offline, "the named agent is away and no fallback was given (alice is free but not the target)");
        await AssertAnswerIsStoredAsync(chat, Acme, r3);
        _ = alice;
    }

    [Fact]
    public async Task AllAgentsFull_IsOffline_AndAFreedSeatTakesTheWaitingRequest()
    {
        await using var chat = Chat.Create();
        var alice = await chat.AgentAsync(Acme, "alice", 1);
        var (c1, _) = await chat.StartAsync(Acme);
        (await chat.Conversations.RequestAgentAsync(Acme, c1.Id, RoutingTarget.Workspace)).Outcome.Should().Be(HandoffOutcome.Assigned);
        var (c2, _) = await chat.StartAsync(Acme);
        var r2 = await chat.Conversations.RequestAgentAsync(Acme, c2.Id, RoutingTarget.Workspace);
        r2.Outcome.Should().Be(HandoffOutcome.Offline, "R2: all busy sends the visitor to the offline flow");
        await AssertAnswerIsStoredAsync(chat, Acme, r2);

        // "A change that frees a seat (an end ...) still wait[s] for a whole pass ...: their callers see what routing made of them."
        await chat.Conversations.EndAsync(Acme, c1.Id, alice);
        var after = await chat.Conversations.GetAsync(Acme, c2.Id);
        after.State.Should().Be(ConversationState.Assigned, "the end's caller sees the backlog routed to the freed seat");
        after.AssignedAgentId.Should().Be(alice);
    }

    [Fact]
    public async Task AgentComingOnline_TakesTheOfflineBacklog_BeforeSetStatusReturns()
    {
        await using var chat = Chat.Create();
        var alice = await chat.AgentAsync(Acme, "alice", 3, online: false);
        var ids = new List<ConversationId>();
        for (var i = 0; i < 5; i++)
        {
            var (c, _) = await chat.StartAsync(Acme);
            (await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.Workspace)).Outcome.Should().Be(HandoffOutcome.Offline);
            ids.Add(c.Id);
        }
        await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        var states = new List<Conversation>();
        foreach (var id in ids) states.Add(await chat.Conversations.GetAsync(Acme, id));
        states.Take(3).Should().OnlyContain(c => c.State == ConversationState.Assigned && c.AssignedAgentId == alice,
            "R6: the backlog is routed oldest first as soon as someone becomes available, and an agent coming online waits for the pass");
        states.Skip(3).Should().OnlyContain(c => c.State == ConversationState.Offline && c.AssignedAgentId == null, "capacity 3");
        (await chat.Agents.GetAsync(Acme, alice)).OpenConversations.Should().Be(3);
    }

    [Theory]
    [InlineData(RoutingMode.Assign, HandoffOutcome.Assigned)]
    [InlineData(RoutingMode.Alert, HandoffOutcome.Queued)]
    [InlineData(RoutingMode.Offer, HandoffOutcome.Offered)]
    public async Task AskingAgain_ChangesNothing(RoutingMode mode, HandoffOutcome expected)
    {
        await using var chat = Chat.Create(o => o.Routing.Mode = mode);
        await chat.AgentAsync(Acme, "alice");
        await chat.AgentAsync(Acme, "bob");
        var (c, token) = await chat.StartAsync(Acme);
        var first = await RequestAsync(chat, Acme, c.Id, token, RoutingTarget.Workspace, Entry.VisitorService);
        first.Outcome.Should().Be(expected);
        await AssertAnswerIsStoredAsync(chat, Acme, first);
        var second = await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.Workspace);
        (await chat.Visitors.RequestAgentAsync(Acme, c.Id, token, RoutingTarget.Workspace)).Should().Be(expected, "the visitor asking again too");
        second.Outcome.Should().Be(expected, "asking again while queued or assigned changes nothing (RequestAgentAsync docs)");
        second.Conversation.Version.Should().Be(first.Conversation.Version);
        second.Conversation.AssignedAgentId.Should().Be(first.Conversation.AssignedAgentId);
        (await chat.Conversations.GetAsync(Acme, c.Id)).Version.Should().Be(first.Conversation.Version);
    }

    [Fact]
    public async Task BalancedRoundRobin_KeepsLoadsWithinOne_AndEachAnswerNamesTheStoredOwner()
    {
        await using var chat = Chat.Create();
        var agents = new[] { await chat.AgentAsync(Acme, "a", 5), await chat.AgentAsync(Acme, "b", 5), await chat.AgentAsync(Acme, "c", 5) };
        var load = agents.ToDictionary(a => a, _ => 0);
        for (var i = 0; i < 12; i++)
        {
            var (c, _) = await chat.StartAsync(Acme);
            var r = await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.Workspace);
            r.Outcome.Should().Be(HandoffOutcome.Assigned);
            (await chat.Conversations.GetAsync(Acme, c.Id)).AssignedAgentId.Should().Be(r.Conversation.AssignedAgentId);
            load[r.Conversation.AssignedAgentId!.Value]++;
            (load.Values.Max() - load.Values.Min()).Should().BeLessThanOrEqualTo(1, "R3: balanced round robin");
        }
    }

    [Fact]
    public async Task LeastBusy_TakesTheAgentWithFewestOpenChats()
    {
        await using var chat = Chat.Create(o => o.Routing.Strategy = RoutingStrategy.LeastBusy);
        var a = await chat.AgentAsync(Acme, "a", 5);
        var b = await chat.AgentAsync(Acme, "b", 5);
        for (var i = 0; i < 2; i++)
        {
            var (c, _) = await chat.StartAsync(Acme);
            await chat.Conversations.ClaimAsync(Acme, c.Id, a);
        }
        for (var i = 0; i < 2; i++)
        {
            var (c, _) = await chat.StartAsync(Acme);
            var r = await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.Workspace);
            r.Conversation.AssignedAgentId.Should().Be(b, "b has fewer open chats than a (2)");
            await AssertAnswerIsStoredAsync(chat, Acme, r);
        }
    }

    [Fact]
    public async Task Offer_DeclineMovesItToTheNextAgent_BeforeDeclineReturns_AndExpiryMovesItToo()
    {
        await using var chat = Chat.Create(o => { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromSeconds(30); });
        var a = await chat.AgentAsync(Acme, "a");
        var b = await chat.AgentAsync(Acme, "b");
        var (c, _) = await chat.StartAsync(Acme);
        var r = await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.Workspace);
        r.Outcome.Should().Be(HandoffOutcome.Offered);
        var first = r.Conversation.Routing!.Offer!;
        await chat.Conversations.DeclineOfferAsync(Acme, c.Id, first.AgentId, first.Token);
        var afterDecline = await chat.Conversations.GetAsync(Acme, c.Id);
        afterDecline.Routing!.Offer.Should().NotBeNull("R7: a declined offer moves to the next agent at once");
        var second = afterDecline.Routing!.Offer!;
        second.AgentId.Should().NotBe(first.AgentId);
        second.Token.Should().BeGreaterThan(first.Token, "each offer's token grows");

        // The lease runs out on the fake clock: the offer moves on (to the first agent again, the only other one).
        chat.Time.Advance(TimeSpan.FromSeconds(31));
        await Wait.UntilAsync(async () => (await chat.Conversations.GetAsync(Acme, c.Id)).Routing?.Offer is { } o && o.Token > second.Token,
            "the expired offer moved on");
        var act = () => chat.Conversations.AcceptOfferAsync(Acme, c.Id, second.AgentId, second.Token).AsTask();
        await act.Should().ThrowAsync<OfferExpiredException>("a late accept gets OfferExpiredException");
        var live = (await chat.Conversations.GetAsync(Acme, c.Id)).Routing!.Offer!;
        var accepted = await chat.Conversations.AcceptOfferAsync(Acme, c.Id, live.AgentId, live.Token);
        accepted.State.Should().Be(ConversationState.Assigned);
        accepted.AssignedAgentId.Should().Be(live.AgentId);
        (await chat.Conversations.GetAsync(Acme, c.Id)).AssignedAgentId.Should().Be(live.AgentId);
        _ = (a, b);
    }

    [Fact]
    public async Task Offer_EndedWhileOffered_ReleasesTheSeat_AndWithdrawsTheOffer()
    {
        await using var chat = Chat.Create(o => { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromSeconds(30); });
        var alice = await chat.AgentAsync(Acme, "alice", 1);
        var (c, _) = await chat.StartAsync(Acme);
        (await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.Workspace)).Outcome.Should().Be(HandoffOutcome.Offered);
        await chat.Conversations.EndAsync(Acme, c.Id, null);

        // "Offers hold one of the agent's seats until accepted, declined or expired"; an end withdraws the offer
        // ("A change that frees a seat (an end, a transfer) or withdraws an offer ... still wait[s] for a whole pass").
        (await chat.Agents.IsAvailableAsync(Acme, RoutingTarget.Workspace)).Should().BeTrue("the ended conversation's offer no longer holds alice's only seat (R2: available = below capacity)");
        var (next, _) = await chat.StartAsync(Acme);
        var r = await chat.Conversations.RequestAgentAsync(Acme, next.Id, RoutingTarget.Workspace);
        r.Outcome.Should().Be(HandoffOutcome.Offered, "alice owns nothing and has no live offer, so the next visitor is offered to her, not sent offline");
        await Wait.UntilAsync(() => chat.Events.Notifications(c.Id).Any(n => n.AgentId == alice && n.Kind is AgentNotificationKind.OfferWithdrawn or AgentNotificationKind.RequestTaken),
            "N1: alice is told the offer of the ended conversation is withdrawn (OfferWithdrawn: 'The offer to you expired or was withdrawn')", 5);
    }
}
