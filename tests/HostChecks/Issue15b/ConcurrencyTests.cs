using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace Issue15b;

/// <summary>
/// Check 3 from outside: bursts (Task.WhenAll, repeated) of handoffs, claims, reassignments, ends, agents going
/// online/offline and the requeue grace on the fake clock. After each burst: no agent over capacity, no conversation
/// with an owner it is not Assigned to, every call answered exactly once; at the end: each conversation's events reached
/// the host publisher in commit order (versions and sequences increasing, none twice, none lost) and the N1
/// notifications reached the right agents, once each, in an order that makes sense per conversation.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"issue15b-conc-{Guid.NewGuid():N}.db");
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync()
    {
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" }) { try { File.Delete(f); } catch { } }
        return Task.CompletedTask;
    }

    private static readonly WorkspaceId Ws = new("storm");
    private const int Rounds = 10;
    private const int PerRound = 30;

    private static readonly Type[] Refusals =
    [
        typeof(ConversationAlreadyClaimedException), typeof(AgentCapacityExceededException), typeof(AgentNotAvailableException),
        typeof(ConversationEndedException), typeof(NotAssignedAgentException), typeof(InvalidConversationTransitionException), typeof(OfferExpiredException), typeof(OfferNotFoundException),
    ];

    private static async Task<(bool Ok, Exception? Error)> Try(Func<Task> call)
    {
        try { await call(); return (true, null); }
        catch (Exception e) when (Refusals.Contains(e.GetType())) { return (false, e); }
    }

    [Theory]
    [InlineData("RoundRobin", false)]
    [InlineData("LeastBusy", false)]
    [InlineData("StrictRoundRobin", false)]
    [InlineData("RoundRobin", true)]
    public async Task AssignMode_Storm_KeepsCapacityOwnershipOrderAndNotifications(string strategy, bool sqlite)
    {
        await using var chat = Chat.Create(o =>
        {
            o.Routing.Strategy = HandoffAnswerTests.Strategy(strategy);
            o.Routing.RequeueAfter = TimeSpan.FromSeconds(90);
            o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60);
        }, sqlitePath: sqlite ? _db : null);
        var agents = new List<AgentId>();
        var capacity = new Dictionary<AgentId, int>();
        for (var i = 0; i < 6; i++)
        {
            var a = await chat.AgentAsync(Ws, $"agent-{i}", 2 + i % 2, online: i < 4);
            agents.Add(a);
            capacity[a] = 2 + i % 2;
        }
        var online = new ConcurrentDictionary<AgentId, bool>(agents.Take(4).Select(a => KeyValuePair.Create(a, true)));
        var all = new List<(ConversationId Id, VisitorToken Token)>();
        var rnd = new Random(15);
        var answers = 0;
        var overCapacity = new ConcurrentQueue<string>();

        for (var round = 0; round < Rounds; round++)
        {
            var fresh = new List<(ConversationId Id, VisitorToken Token)>();
            for (var i = 0; i < PerRound; i++) { var (c, t) = await chat.StartAsync(Ws); fresh.Add((c.Id, t)); }
            var older = all.ToList();
            all.AddRange(fresh);

            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    foreach (var a in await chat.Agents.ListAsync(Ws))
                        if (a.OpenConversations > a.MaxConcurrentConversations) overCapacity.Enqueue($"{a.Id}: {a.OpenConversations}/{a.MaxConcurrentConversations}");
                    await Task.Delay(1);
                }
            });

            var work = new List<Task>();
            foreach (var (id, token) in fresh)
            {
                var viaVisitor = rnd.Next(2) == 0;
                work.Add(Task.Run(async () =>
                {
                    if (viaVisitor)
                    {
                        var outcome = await chat.Visitors.RequestAgentAsync(Ws, id, token, RoutingTarget.Workspace);
                        Interlocked.Increment(ref answers);
                        outcome.Should().BeOneOf(HandoffOutcome.Assigned, HandoffOutcome.Offline, HandoffOutcome.Queued);
                        return;
                    }
                    var r = await chat.Conversations.RequestAgentAsync(Ws, id, RoutingTarget.Workspace);
                    Interlocked.Increment(ref answers);
                    r.Outcome.Should().BeOneOf(HandoffOutcome.Assigned, HandoffOutcome.Offline, HandoffOutcome.Queued);
                    if (r.Outcome == HandoffOutcome.Assigned)
                    {
                        r.Conversation.State.Should().Be(ConversationState.Assigned);
                        r.Conversation.AssignedAgentId.Should().NotBeNull();
                    }
                    else
                    {
                        r.Conversation.AssignedAgentId.Should().BeNull($"an answer of {r.Outcome} names no owner");
                    }
                }));
                // A competing claim by a random agent on some of the same conversations.
                if (rnd.Next(3) == 0)
                {
                    var claimer = agents[rnd.Next(agents.Count)];
                    work.Add(Task.Run(() => Try(() => chat.Conversations.ClaimAsync(Ws, id, claimer).AsTask())));
                }
            }
            // Ends and reassignments of older conversations, agents toggling.
            foreach (var (id, _) in older.OrderBy(_ => rnd.Next()).Take(12))
            {
                var endIt = rnd.Next(2) == 0;
                var to = agents[rnd.Next(agents.Count)];
                work.Add(Task.Run(() => Try(() => endIt ? chat.Conversations.EndAsync(Ws, id, null).AsTask() : chat.Conversations.AssignAsync(Ws, id, to).AsTask())));
            }
            for (var k = 0; k < 2; k++)
            {
                var a = agents[rnd.Next(agents.Count)];
                var goOnline = !online.ContainsKey(a);
                if (goOnline) online[a] = true; else online.TryRemove(a, out _);
                work.Add(Task.Run(() => chat.Agents.SetStatusAsync(Ws, a, goOnline ? AgentStatus.Online : AgentStatus.Offline).AsTask()));
            }
            // The clock: 30 s steps with heartbeats of online agents, so offline agents' chats hit the requeue grace.
            work.Add(Task.Run(async () =>
            {
                for (var s = 0; s < 2; s++)
                {
                    foreach (var a in online.Keys) await chat.Agents.HeartbeatAsync(Ws, a);
                    chat.Time.Advance(TimeSpan.FromSeconds(30));
                }
                foreach (var a in online.Keys) await chat.Agents.HeartbeatAsync(Ws, a);
            }));

            await Wait.Within(Task.WhenAll(work), $"round {round}: every call answered", 120);
            stop.Cancel();
            await sampler;
            await Checks.AssertOwnershipAsync(chat, Ws, all.Select(x => x.Id));
            await AssertCountersExactAsync(chat, all.Select(x => x.Id));
        }
        overCapacity.Should().BeEmpty("no agent ever held more conversations than its capacity, sampled during the bursts");
        answers.Should().Be(Rounds * PerRound, "every handoff got exactly one answer");

        // One visitor message to every Assigned conversation: its owner, and nobody else, is told once.
        var posted = new List<(ConversationId Id, long Seq, AgentId Owner)>();
        foreach (var (id, token) in all)
        {
            var c = await chat.Conversations.GetAsync(Ws, id);
            if (c.State != ConversationState.Assigned) continue;
            var m = await chat.Visitors.PostAsync(Ws, id, token, "still there?");
            posted.Add((id, m.Sequence, c.AssignedAgentId!.Value));
        }
        // End everything so each conversation's stream has a known last event.
        foreach (var (id, _) in all)
        {
            var c = await chat.Conversations.GetAsync(Ws, id);
            if (c.State != ConversationState.Ended) await chat.Conversations.EndAsync(Ws, id, null);
        }
        await Wait.UntilAsync(() => all.All(x => chat.Events.For(x.Id).OfType<ConversationStateChanged>().Any(e => e.Conversation.State == ConversationState.Ended)),
            "every conversation's end reached the publisher", 60);

        foreach (var (id, seq, owner) in posted)
        {
            await Wait.UntilAsync(() => chat.Events.Notifications(id).Any(n => n.Kind == AgentNotificationKind.NewMessage && n.MessageSequence == seq), $"NewMessage {id}#{seq}");
            var told = chat.Events.Notifications(id).Where(n => n.Kind == AgentNotificationKind.NewMessage && n.MessageSequence == seq).ToList();
            told.Select(n => n.AgentId).Should().Equal([owner], $"N1: the owner of {id}, and only the owner, is told of the visitor's message once");
        }

        foreach (var (id, _) in all) await AssertStreamAsync(chat, id);
        output.WriteLine($"{all.Count} conversations, {chat.Events.Snapshot().Count} events, notifications: {string.Join(", ", chat.Events.Notifications().GroupBy(n => n.Kind).Select(g => $"{g.Key}×{g.Count()}"))}");
    }

    /// <summary>
    /// Each agent's open count equals what it owns (Assign mode, no offers). The burst's calls have all answered, but
    /// the reactions they started (a requeue grace that ran out on the clock's last step, a drain pass) commit after
    /// them, on the one-way flow: a read of the conversations and then of the agents can fall either side of such a
    /// commit. So the check reads the agents, the conversations and the agents again, and counts only a read in which
    /// nothing moved; it fails if no such read agrees within 30 s (a counter that drifted never does).
    /// </summary>
    private static async Task AssertCountersExactAsync(Chat chat, IEnumerable<ConversationId> ids)
    {
        var list = ids.ToList();
        var deadline = Stopwatch.StartNew();
        string? mismatch = "no read in 30 s in which the agents' counts stood still";
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            var before = await chat.Agents.ListAsync(Ws);
            var owned = new Dictionary<AgentId, int>();
            foreach (var id in list)
            {
                var c = await chat.Conversations.GetAsync(Ws, id);
                if (c.State == ConversationState.Assigned) owned[c.AssignedAgentId!.Value] = owned.GetValueOrDefault(c.AssignedAgentId!.Value) + 1;
            }
            var after = await chat.Agents.ListAsync(Ws);
            if (before.Select(a => a.OpenConversations).SequenceEqual(after.Select(a => a.OpenConversations)))
            {
                var wrong = after.Where(a => a.OpenConversations != owned.GetValueOrDefault(a.Id)).ToList();
                if (wrong.Count == 0) return;
                mismatch = string.Join("; ", wrong.Select(a => $"{a.Id}'s open count is {a.OpenConversations} but it owns {owned.GetValueOrDefault(a.Id)}"));
            }
            await Task.Delay(10);
        }
        mismatch.Should().BeNull("each agent's open count is what it owns (Assign mode, no offers), once the burst's reactions have committed");
    }

    private static bool EndToldToItsOwner(Chat chat, ConversationId id)
    {
        var events = chat.Events.For(id);
        return events.OfType<ConversationStateChanged>().Where(s => s.Conversation.State == ConversationState.Ended).Select(s => s.PreviousAgentId).FirstOrDefault() is not { } owner
            || events.OfType<AgentNotification>().Any(n => n.AgentId == owner && n.Kind == AgentNotificationKind.Ended);
    }

    /// <summary>One conversation's events, as the publisher got them: commit order, nothing twice, nothing lost, N1 coherent.</summary>
    internal static async Task AssertStreamAsync(Chat chat, ConversationId id, WorkspaceId? workspace = null)
    {
        // The last owner hears of the end from routing's reaction to it, published after the state change: wait for it
        // (it never comes if the reaction is lost); the checks below then see it came once, and nothing twice.
        await Wait.UntilAsync(() => EndToldToItsOwner(chat, id), $"{id}: its last owner was told of the end");
        // A commit's state change is published before its messages: wait until every stored message has been published.
        var stored = await chat.Conversations.GetMessagesAsync(workspace ?? Ws, id, 0, 100);
        await Wait.UntilAsync(() => chat.Events.For(id).OfType<MessagePosted>().Count() >= stored.Count, $"{id}: its {stored.Count} stored messages were published");
        var events = chat.Events.For(id);
        var states = events.OfType<ConversationStateChanged>().ToList();
        states.Select(s => s.Conversation.Version).Should().BeInAscendingOrder($"{id}: state changes in commit order")
            .And.OnlyHaveUniqueItems($"{id}: no state change twice");
        var seqs = events.OfType<MessagePosted>().Select(m => m.Message.Sequence).ToList();
        seqs.Should().BeInAscendingOrder($"{id}: messages in commit order").And.OnlyHaveUniqueItems($"{id}: no message twice");
        seqs.Should().Equal(stored.Select(m => m.Sequence), $"{id}: every stored message reached the host publisher (every registered publisher receives every event)");

        // Ownership timeline from the state changes, in version order.
        var owners = new List<AgentId?> { null };
        foreach (var s in states.OrderBy(s => s.Conversation.Version))
        {
            if (s.Conversation.State == ConversationState.Ended) break; // the end is told as Ended, not as a move away
            var owner = s.Conversation.State == ConversationState.Assigned ? s.Conversation.AssignedAgentId : null;
            if (owner != owners[^1]) owners.Add(owner);
        }
        var notes = events.OfType<AgentNotification>().ToList();
        var everOwners = owners.Where(o => o is not null).Select(o => o!.Value).Distinct().ToList();
        foreach (var agent in notes.Select(n => n.AgentId).Distinct())
        {
            var mine = notes.Where(n => n.AgentId == agent).Select(n => n.Kind)
                .Where(k => k is AgentNotificationKind.Assigned or AgentNotificationKind.ReassignedToYou or AgentNotificationKind.ReassignedAway or AgentNotificationKind.Ended)
                .ToList();
            var into = owners.Zip(owners.Skip(1)).Count(p => p.Second == agent);
            var outOf = owners.Zip(owners.Skip(1)).Count(p => p.First == agent);
            mine.Count(k => k is AgentNotificationKind.Assigned or AgentNotificationKind.ReassignedToYou)
                .Should().Be(into, $"{id}: {agent} is told once each time the conversation becomes theirs (owners {string.Join("→", owners.Select(o => o?.ToString() ?? "-"))}; told {string.Join(",", mine)})");
            mine.Count(k => k == AgentNotificationKind.ReassignedAway)
                .Should().Be(outOf, $"{id}: {agent} is told once each time it is taken from them (owners {string.Join("→", owners.Select(o => o?.ToString() ?? "-"))}; told {string.Join(",", mine)})");
            // Order: in, out, in, out ... and Ended only while theirs.
            var holding = false;
            foreach (var k in mine)
            {
                switch (k)
                {
                    case AgentNotificationKind.Assigned or AgentNotificationKind.ReassignedToYou:
                        holding.Should().BeFalse($"{id}: {agent} told it is theirs twice in a row ({string.Join(",", mine)})");
                        holding = true; break;
                    case AgentNotificationKind.ReassignedAway:
                        holding.Should().BeTrue($"{id}: {agent} told it was taken away before being told it was theirs ({string.Join(",", mine)})");
                        holding = false; break;
                    case AgentNotificationKind.Ended:
                        holding.Should().BeTrue($"{id}: {agent} told of the end of a conversation not theirs ({string.Join(",", mine)})");
                        holding = false; break;
                }
            }
        }
        var lastOwnerBeforeEnd = states.Where(s => s.Conversation.State == ConversationState.Ended).Select(s => s.PreviousAgentId).FirstOrDefault();
        if (lastOwnerBeforeEnd is { } endedOwner)
        {
            notes.Count(n => n.AgentId == endedOwner && n.Kind == AgentNotificationKind.Ended).Should().Be(1, $"{id}: its owner is told of the end once");
        }
        notes.Where(n => n.Kind is AgentNotificationKind.Assigned or AgentNotificationKind.ReassignedToYou or AgentNotificationKind.ReassignedAway or AgentNotificationKind.Ended)
            .Select(n => n.AgentId).Distinct().Should().BeSubsetOf(everOwners, $"{id}: only owners get ownership notifications");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AlertMode_ClaimRace_OneWinnerEach_CapacityKept_AlertsWithdrawnOnce(bool sqlite)
    {
        await using var chat = Chat.Create(o => o.Routing.Mode = RoutingMode.Alert, sqlitePath: sqlite ? _db : null);
        var agents = new List<AgentId>();
        for (var i = 0; i < 6; i++) agents.Add(await chat.AgentAsync(Ws, $"agent-{i}", 2));

        for (var round = 0; round < 3; round++)
        {
            var ids = new List<ConversationId>();
            for (var i = 0; i < 20; i++)
            {
                var (c, _) = await chat.StartAsync(Ws);
                (await chat.Conversations.RequestAgentAsync(Ws, c.Id, RoutingTarget.Workspace)).Outcome.Should().Be(HandoffOutcome.Queued);
                ids.Add(c.Id);
            }
            await Wait.UntilAsync(() => ids.All(id => chat.Events.Notifications(id).Count(n => n.Kind == AgentNotificationKind.NewRequest) >= agents.Count),
                "R5: every eligible agent was alerted of every request");

            var wins = new ConcurrentDictionary<ConversationId, ConcurrentBag<AgentId>>();
            var claims = ids.SelectMany(id => agents.Select(a => (id, a))).OrderBy(_ => Guid.NewGuid()).Select(x => Task.Run(async () =>
            {
                var (ok, error) = await Try(() => chat.Conversations.ClaimAsync(Ws, x.id, x.a).AsTask());
                if (ok) wins.GetOrAdd(x.id, _ => []).Add(x.a);
                else error.Should().Match<Exception>(e => e is ConversationAlreadyClaimedException || e is AgentCapacityExceededException,
                    "a losing claim is told it was claimed, or that the agent is full");
            }));
            await Wait.Within(Task.WhenAll(claims), "120 concurrent claims", 60);

            foreach (var id in ids)
            {
                var c = await chat.Conversations.GetAsync(Ws, id);
                var winners = wins.TryGetValue(id, out var w) ? w.ToList() : [];
                winners.Count.Should().BeLessThanOrEqualTo(1, $"R5: first claim wins, never two ({id})");
                if (winners.Count == 1) c.AssignedAgentId.Should().Be(winners[0]);
                else c.State.Should().Be(ConversationState.Unassigned);
            }
            wins.Values.SelectMany(v => v).GroupBy(a => a).Should().OnlyContain(g => g.Count() <= 2, "capacity 2");
            wins.Count.Should().Be(12, "6 agents × 2 seats, 20 requests: every seat taken");

            // Unclaimed first, so that no seat is freed while a request still waits (that would re-alert, as documented).
            foreach (var id in ids.OrderBy(id => wins.ContainsKey(id) ? 1 : 0)) await chat.Conversations.EndAsync(Ws, id, null);
            foreach (var id in ids)
            {
                await Wait.UntilAsync(() => chat.Events.For(id).OfType<ConversationStateChanged>().Any(e => e.Conversation.State == ConversationState.Ended), $"end of {id} published");
                var winner = wins.TryGetValue(id, out var w) ? w.Single() : (AgentId?)null;
                var notes = chat.Events.Notifications(id);
                await Wait.UntilAsync(() => agents.Where(a => a != winner).All(a => chat.Events.Notifications(id).Any(n => n.AgentId == a && n.Kind == AgentNotificationKind.RequestTaken)),
                    $"every alerted non-winner of {id} had its alert withdrawn");
                await Wait.UntilAsync(() => EndToldToItsOwner(chat, id), $"the winner of {id} was told of the end");
                notes = chat.Events.Notifications(id);
                foreach (var a in agents)
                {
                    var mine = notes.Where(n => n.AgentId == a).Select(n => n.Kind).ToList();
                    mine.Count(k => k == AgentNotificationKind.NewRequest).Should().Be(1, $"{a} alerted of {id} once ({string.Join(",", mine)})");
                    if (a == winner)
                    {
                        mine.Should().Equal([AgentNotificationKind.NewRequest, AgentNotificationKind.Assigned, AgentNotificationKind.Ended], $"the winner's story of {id}");
                    }
                    else
                    {
                        mine.Should().Equal([AgentNotificationKind.NewRequest, AgentNotificationKind.RequestTaken], $"{a}'s story of {id}: alerted, then withdrawn once");
                    }
                }
                await AssertStreamAsync(chat, id);
            }
        }
    }

    [Fact]
    public async Task OfferMode_AcceptDeclineRace_OneOutcomePerOffer_TokensFenced()
    {
        await using var chat = Chat.Create(o => { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromSeconds(30); });
        var agents = new List<AgentId>();
        for (var i = 0; i < 4; i++) agents.Add(await chat.AgentAsync(Ws, $"agent-{i}", 3));

        for (var round = 0; round < 3; round++)
        {
            var offered = new List<HandoffResult>();
            var handoffs = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                var (c, _) = await chat.StartAsync(Ws);
                return await chat.Conversations.RequestAgentAsync(Ws, c.Id, RoutingTarget.Workspace);
            }));
            handoffs.Should().OnlyContain(h => h.Outcome == HandoffOutcome.Offered || h.Outcome == HandoffOutcome.Offline || h.Outcome == HandoffOutcome.Queued);
            foreach (var h in handoffs)
            {
                HandoffAnswerTests.AssertMatches(h, await chat.Conversations.GetAsync(Ws, h.Conversation.Id), "after the concurrent handoffs");
                if (h.Outcome == HandoffOutcome.Offered) offered.Add(h);
            }
            offered.Should().NotBeEmpty();

            var results = new ConcurrentBag<(ConversationId Id, string Call, AgentId Agent, bool Ok, Exception? Error)>();
            var race = offered.SelectMany(h =>
            {
                var o = h.Conversation.Routing!.Offer!;
                var other = agents.First(a => a != o.AgentId);
                var id = h.Conversation.Id;
                return new (string, AgentId, Func<Task>)[]
                {
                    ("accept", o.AgentId, () => chat.Conversations.AcceptOfferAsync(Ws, id, o.AgentId, o.Token).AsTask()),
                    ("accept", o.AgentId, () => chat.Conversations.AcceptOfferAsync(Ws, id, o.AgentId, o.Token).AsTask()),
                    ("decline", o.AgentId, () => chat.Conversations.DeclineOfferAsync(Ws, id, o.AgentId, o.Token).AsTask()),
                    ("accept-other", other, () => chat.Conversations.AcceptOfferAsync(Ws, id, other, o.Token).AsTask()),
                    ("accept-stale", o.AgentId, () => chat.Conversations.AcceptOfferAsync(Ws, id, o.AgentId, o.Token - 1).AsTask()),
                }.Select(x => Task.Run(async () => { var (ok, e) = await Try(x.Item3); results.Add((id, x.Item1, x.Item2, ok, e)); }));
            });
            await Wait.Within(Task.WhenAll(race), "the accept/decline race", 60);

            foreach (var h in offered)
            {
                var id = h.Conversation.Id;
                var o = h.Conversation.Routing!.Offer!;
                var mine = results.Where(r => r.Id == id).ToList();
                mine.Where(r => r.Call == "accept-other").Should().OnlyContain(r => !r.Ok && (r.Error is OfferNotFoundException || r.Error is ConversationAlreadyClaimedException),
                    "someone else's offer gets OfferNotFoundException");
                mine.Where(r => r.Call == "accept-stale").Should().OnlyContain(r => !r.Ok, "a token that is not the live one is refused");
                var acceptsOk = mine.Count(r => r.Call == "accept" && r.Ok);
                var declineOk = mine.Any(r => r.Call == "decline" && r.Ok);
                var c = await chat.Conversations.GetAsync(Ws, id);
                if (declineOk)
                {
                    acceptsOk.Should().Be(0, $"{id}: the offer was declined, so no accept of that token may also succeed");
                    c.AssignedAgentId.Should().NotBe(o.AgentId, $"{id}: declined, it moves on");
                }
                else
                {
                    acceptsOk.Should().BeGreaterThanOrEqualTo(1, $"{id}: neither declined nor accepted: {string.Join("; ", mine.Select(r => $"{r.Call} {r.Ok} {r.Error?.GetType().Name}"))}");
                    c.State.Should().Be(ConversationState.Assigned);
                    c.AssignedAgentId.Should().Be(o.AgentId);
                }
            }
            await Checks.AssertOwnershipAsync(chat, Ws, handoffs.Select(h => h.Conversation.Id));

            // Wrap up the round: accept any live offer, then end everything.
            foreach (var h in handoffs)
            {
                var c = await chat.Conversations.GetAsync(Ws, h.Conversation.Id);
                if (c.State != ConversationState.Ended) await chat.Conversations.EndAsync(Ws, c.Id, null);
            }
            foreach (var h in handoffs)
            {
                await Wait.UntilAsync(() => chat.Events.For(h.Conversation.Id).OfType<ConversationStateChanged>().Any(e => e.Conversation.State == ConversationState.Ended), "end published");
                var notes = chat.Events.Notifications(h.Conversation.Id);
                foreach (var g in notes.GroupBy(n => n.AgentId))
                {
                    var kinds = g.Select(n => n.Kind).ToList();
                    kinds.Count(k => k == AgentNotificationKind.Assigned).Should().BeLessThanOrEqualTo(1, $"{g.Key} assigned {h.Conversation.Id} once at most ({string.Join(",", kinds)})");
                    var offeredTokens = g.Where(n => n.Kind == AgentNotificationKind.Offered).Select(n => n.Offer!.Token).ToList();
                    offeredTokens.Should().OnlyHaveUniqueItems("each offer notified once");
                    if (kinds.Contains(AgentNotificationKind.Assigned))
                        kinds.IndexOf(AgentNotificationKind.Offered).Should().BeLessThan(kinds.IndexOf(AgentNotificationKind.Assigned), "offered before assigned");
                }
                await AssertStreamAsync(chat, h.Conversation.Id);
            }
        }
    }

    [Fact]
    public async Task HubSubscriber_GetsEachConversationsEvents_InCommitOrder_UnderConcurrentPosts()
    {
        await using var chat = Chat.Create(o => o.EventBufferFullMode = System.Threading.Channels.BoundedChannelFullMode.Wait);
        var subscription = chat.Engine.Events.Subscribe(Ws);
        var got = new ConcurrentQueue<LiveChatEvent>();
        var reader = Task.Run(async () => { await foreach (var e in subscription.Reader.ReadAllAsync()) got.Enqueue(e); });
        await chat.AgentAsync(Ws, "alice", 10);
        var convs = new List<(ConversationId Id, VisitorToken T)>();
        for (var i = 0; i < 10; i++) { var (c, t) = await chat.StartAsync(Ws); convs.Add((c.Id, t)); }
        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(convs.SelectMany(x => Enumerable.Range(0, 10).Select(k => Task.Run(() => chat.Visitors.PostAsync(Ws, x.Id, x.T, $"r{round} m{k}").AsTask()))));
        }
        await Task.WhenAll(convs.Select(x => chat.Visitors.RequestAgentAsync(Ws, x.Id, x.T, RoutingTarget.Workspace).AsTask()));
        await Wait.UntilAsync(() => convs.All(x => got.OfType<MessagePosted>().Count(m => m.ConversationId == x.Id) >= 50), "every post reached the subscriber", 30);
        foreach (var (id, _) in convs)
        {
            var seqs = got.OfType<MessagePosted>().Where(m => m.ConversationId == id).Select(m => m.Message.Sequence).ToList();
            seqs.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
            var versions = got.OfType<ConversationStateChanged>().Where(m => m.ConversationId == id).Select(m => m.Conversation.Version).ToList();
            versions.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        }
        await subscription.DisposeAsync();
        await reader;
    }
}
