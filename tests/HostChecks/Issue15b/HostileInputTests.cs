using System.Globalization;

namespace Issue15b;

/// <summary>
/// Check 4: bad and hostile input on the routing calls (handoff, claim, accept/decline, status): another workspace's
/// conversation or agent, undefined ids, an undefined team, a claim by an offline or full agent, a wrong or stale offer
/// token, a cancelled token. Each gets a clear, specific exception with the documented category, and nothing changes.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly WorkspaceId Globex = new("globex");

    private static async Task<TEx> Refused<TEx>(Func<Task> call, LiveChatErrorCategory? category, string because) where TEx : Exception
    {
        var e = (await call.Should().ThrowAsync<TEx>(because)).Which;
        if (category is { } c) LiveChatException.CategoryOf(e).Should().Be(c, because);
        e.Message.Should().NotBeNullOrWhiteSpace();
        return e;
    }

    private static async Task Unchanged(Chat chat, WorkspaceId ws, Conversation before)
    {
        var now = await chat.Conversations.GetAsync(ws, before.Id);
        now.Version.Should().Be(before.Version, "nothing changed");
        now.State.Should().Be(before.State);
        now.AssignedAgentId.Should().Be(before.AssignedAgentId);
        now.LastSequence.Should().Be(before.LastSequence, "no system message either");
        (now.Routing?.Offer?.Token).Should().Be(before.Routing?.Offer?.Token);
        (now.Routing?.Offer?.AgentId).Should().Be(before.Routing?.Offer?.AgentId);
    }

    [Fact]
    public async Task Handoff_OnAnotherWorkspacesConversation_OrWithAnotherVisitorsToken_IsNotFound_AndChangesNothing()
    {
        await using var chat = Chat.Create();
        await chat.AgentAsync(Acme, "alice");
        await chat.AgentAsync(Globex, "gina");
        var (c, ctoken) = await chat.StartAsync(Acme);
        var (g, gtoken) = await chat.StartAsync(Globex);

        await Refused<ConversationNotFoundException>(() => chat.Conversations.RequestAgentAsync(Acme, g.Id, RoutingTarget.Workspace).AsTask(), LiveChatErrorCategory.NotFound, "X2: another workspace's conversation is not found");
        await Refused<ConversationNotFoundException>(() => chat.Visitors.RequestAgentAsync(Acme, g.Id, gtoken, RoutingTarget.Workspace).AsTask(), LiveChatErrorCategory.NotFound, "the right token in the wrong workspace");
        await Refused<ConversationNotFoundException>(() => chat.Visitors.RequestAgentAsync(Acme, c.Id, gtoken, RoutingTarget.Workspace).AsTask(), LiveChatErrorCategory.NotFound, "another visitor's token looks like a missing conversation");
        await Refused<ConversationNotFoundException>(() => chat.Visitors.AuthorizeAsync(Acme, c.Id, gtoken).AsTask(), LiveChatErrorCategory.NotFound, "a session for another visitor's token");
        var unknown = ConversationId.Parse(Guid.NewGuid().ToString(), CultureInfo.InvariantCulture);
        await Refused<ConversationNotFoundException>(() => chat.Conversations.RequestAgentAsync(Acme, unknown, RoutingTarget.Workspace).AsTask(), LiveChatErrorCategory.NotFound, "an id nobody made");
        await Refused<ConversationNotFoundException>(() => chat.Conversations.ClaimAsync(Acme, g.Id, new AgentId("alice")).AsTask(), LiveChatErrorCategory.NotFound, "claiming another workspace's conversation");
        await Unchanged(chat, Acme, c);
        await Unchanged(chat, Globex, g);
    }

    [Fact]
    public async Task UndefinedIds_AreArgumentExceptions()
    {
        await using var chat = Chat.Create();
        await chat.AgentAsync(Acme, "alice");
        var (c, token) = await chat.StartAsync(Acme);
        await Refused<ArgumentException>(() => chat.Conversations.RequestAgentAsync(Acme, default, RoutingTarget.Workspace).AsTask(), LiveChatErrorCategory.Invalid, "default(ConversationId)");
        await Refused<ArgumentException>(() => chat.Conversations.RequestAgentAsync(default, c.Id, RoutingTarget.Workspace).AsTask(), LiveChatErrorCategory.Invalid, "default(WorkspaceId)");
        await Refused<ArgumentException>(() => chat.Conversations.ClaimAsync(Acme, c.Id, default).AsTask(), LiveChatErrorCategory.Invalid, "default(AgentId)");
        await Refused<ArgumentException>(() => chat.Visitors.RequestAgentAsync(Acme, c.Id, default, RoutingTarget.Workspace).AsTask(), LiveChatErrorCategory.Invalid, "default(VisitorToken)");
        await Unchanged(chat, Acme, c);
        _ = token;
    }

    [Fact]
    public async Task Handoff_ToAnUndefinedTeam_OrAnotherWorkspacesTeam_IsTeamNotFound_AndChangesNothing()
    {
        await using var chat = Chat.Create();
        await chat.AgentAsync(Acme, "alice");
        await chat.Agents.DefineTeamAsync(Globex, new Team(new TeamId("sales"), "Globex sales"));
        var (c, token) = await chat.StartAsync(Acme);
        await Refused<TeamNotFoundException>(() => chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.ToTeam(new TeamId("nope"))).AsTask(), LiveChatErrorCategory.NotFound, "an undefined team");
        await Refused<TeamNotFoundException>(() => chat.Visitors.RequestAgentAsync(Acme, c.Id, token, RoutingTarget.ToTeam(new TeamId("sales"))).AsTask(), LiveChatErrorCategory.NotFound, "a team of another workspace");
        await Refused<TeamNotFoundException>(() => chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.ToAgent(new AgentId("alice"), new TeamId("nope"))).AsTask(), LiveChatErrorCategory.NotFound, "an undefined fallback team");
        await Unchanged(chat, Acme, c);
        (await chat.Conversations.GetAsync(Acme, c.Id)).Routing.Should().BeNull("no routing ticket was written");
    }

    [Fact]
    public async Task Handoff_ToAnUnknownAgent_OrAnotherWorkspacesAgent_IsAgentNotFound_AndChangesNothing()
    {
        await using var chat = Chat.Create();
        await chat.AgentAsync(Acme, "alice");
        var gina = await chat.AgentAsync(Globex, "gina");
        var (c, _) = await chat.StartAsync(Acme);
        await Refused<AgentNotFoundException>(() => chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.ToAgent(new AgentId("nobody"))).AsTask(), LiveChatErrorCategory.NotFound, "an unregistered agent");
        await Refused<AgentNotFoundException>(() => chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.ToAgent(gina)).AsTask(), LiveChatErrorCategory.NotFound, "another workspace's agent");
        await Unchanged(chat, Acme, c);
    }

    [Fact]
    public async Task Claim_ByAnOfflineFullUnknownOrForeignAgent_IsRefusedSpecifically_AndChangesNothing()
    {
        await using var chat = Chat.Create(o => o.Routing.Mode = RoutingMode.Alert);
        var alice = await chat.AgentAsync(Acme, "alice", 1);
        var olga = await chat.AgentAsync(Acme, "olga", 3, online: false);
        var gina = await chat.AgentAsync(Globex, "gina");
        var (first, _) = await chat.StartAsync(Acme);
        await chat.Conversations.RequestAgentAsync(Acme, first.Id, RoutingTarget.Workspace);
        await chat.Conversations.ClaimAsync(Acme, first.Id, alice); // alice is now full
        var (c, _) = await chat.StartAsync(Acme);
        (await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.Workspace)).Outcome.Should().BeOneOf(HandoffOutcome.Offline, HandoffOutcome.Queued);
        var before = await chat.Conversations.GetAsync(Acme, c.Id);
        var aliceBefore = await chat.Agents.GetAsync(Acme, alice);

        var notAvailable = await Refused<AgentNotAvailableException>(() => chat.Conversations.ClaimAsync(Acme, c.Id, olga).AsTask(), null, "C6: an offline agent cannot claim");
        LiveChatException.CategoryOf(notAvailable).Should().NotBeNull();
        await Refused<AgentCapacityExceededException>(() => chat.Conversations.ClaimAsync(Acme, c.Id, alice).AsTask(), LiveChatErrorCategory.Conflict, "C6: a full agent cannot claim");
        await Refused<AgentNotFoundException>(() => chat.Conversations.ClaimAsync(Acme, c.Id, new AgentId("nobody")).AsTask(), LiveChatErrorCategory.NotFound, "an unregistered agent");
        await Refused<AgentNotFoundException>(() => chat.Conversations.ClaimAsync(Acme, c.Id, gina).AsTask(), LiveChatErrorCategory.NotFound, "another workspace's agent");
        await Refused<AgentNotAvailableException>(() => chat.Conversations.AssignAsync(Acme, c.Id, olga).AsTask(), null, "assigning to an offline agent");
        await Refused<AgentCapacityExceededException>(() => chat.Conversations.AssignAsync(Acme, c.Id, alice).AsTask(), LiveChatErrorCategory.Conflict, "assigning to a full agent");
        await Unchanged(chat, Acme, before);
        (await chat.Agents.GetAsync(Acme, alice)).OpenConversations.Should().Be(aliceBefore.OpenConversations);
        (await chat.Agents.GetAsync(Acme, olga)).OpenConversations.Should().Be(0);
    }

    [Fact]
    public async Task Offer_WrongStaleOrForeignTokens_AreRefusedSpecifically_AndTheLiveOfferStands()
    {
        await using var chat = Chat.Create(o => { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromSeconds(30); });
        var a = await chat.AgentAsync(Acme, "a");
        var b = await chat.AgentAsync(Acme, "b");
        var gina = await chat.AgentAsync(Globex, "gina");
        var (c, _) = await chat.StartAsync(Acme);
        var r = await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.Workspace);
        r.Outcome.Should().Be(HandoffOutcome.Offered);
        var first = r.Conversation.Routing!.Offer!;
        await chat.Conversations.DeclineOfferAsync(Acme, c.Id, first.AgentId, first.Token);
        var live = (await chat.Conversations.GetAsync(Acme, c.Id)).Routing!.Offer!;
        live.AgentId.Should().NotBe(first.AgentId);
        var before = await chat.Conversations.GetAsync(Acme, c.Id);
        var other = live.AgentId == a ? b : a;

        await Refused<OfferExpiredException>(() => chat.Conversations.AcceptOfferAsync(Acme, c.Id, first.AgentId, first.Token).AsTask(), LiveChatErrorCategory.Conflict, "R7: a late accept of a superseded offer");
        await Refused<OfferNotFoundException>(() => chat.Conversations.AcceptOfferAsync(Acme, c.Id, other, live.Token).AsTask(), LiveChatErrorCategory.NotFound, "someone else's offer");
        await Refused<OfferNotFoundException>(() => chat.Conversations.AcceptOfferAsync(Acme, c.Id, live.AgentId, live.Token + 1000).AsTask(), LiveChatErrorCategory.NotFound, "a token never made (OfferNotFoundException: 'or was never made')");
        await Refused<OfferNotFoundException>(() => chat.Conversations.DeclineOfferAsync(Acme, c.Id, live.AgentId, live.Token + 1000).AsTask(), LiveChatErrorCategory.NotFound, "a decline with a token never made");
        await Refused<OfferNotFoundException>(() => chat.Conversations.DeclineOfferAsync(Acme, c.Id, other, live.Token).AsTask(), LiveChatErrorCategory.NotFound, "a decline of someone else's offer");
        var foreign = await FluentActions.Awaiting(() => chat.Conversations.AcceptOfferAsync(Acme, c.Id, gina, live.Token).AsTask()).Should().ThrowAsync<LiveChatException>("another workspace's agent");
        LiveChatException.CategoryOf(foreign.Which).Should().Be(LiveChatErrorCategory.NotFound);
        // Corrected after the first run: the agent is not registered in the other workspace either, so AgentNotFoundException
        // is as specific an answer as ConversationNotFoundException; both are NotFound.
        var wrongWs = await FluentActions.Awaiting(() => chat.Conversations.AcceptOfferAsync(Globex, c.Id, live.AgentId, live.Token).AsTask()).Should().ThrowAsync<LiveChatException>("the right offer in the wrong workspace");
        wrongWs.Which.Should().Match<LiveChatException>(e => e is ConversationNotFoundException || e is AgentNotFoundException);
        LiveChatException.CategoryOf(wrongWs.Which).Should().Be(LiveChatErrorCategory.NotFound);
        await Unchanged(chat, Acme, before);

        var accepted = await chat.Conversations.AcceptOfferAsync(Acme, c.Id, live.AgentId, live.Token);
        accepted.AssignedAgentId.Should().Be(live.AgentId, "the live offer still stands after all the refusals");
    }

    [Fact]
    public async Task CancelledTokens_AreOperationCanceled_AndChangeNothing()
    {
        await using var chat = Chat.Create(o => { o.Routing.Mode = RoutingMode.Offer; });
        var alice = await chat.AgentAsync(Acme, "alice", 20); // room for every probe (an ended offer keeps its seat until expiry)
        var olga = await chat.AgentAsync(Acme, "olga", 3, online: false);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var report = new List<string>();

        // Each call gets a fresh conversation in the same state, so one call's effect does not hide another's.
        async Task Probe(string name, Func<Conversation, VisitorToken, Task> call, bool offered = false)
        {
            var (c, token) = await chat.StartAsync(Acme);
            if (offered) await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.Workspace);
            var before = await chat.Conversations.GetAsync(Acme, c.Id);
            if (offered) before.Routing?.Offer.Should().NotBeNull("the probe needs a live offer");
            string outcome;
            try { await call(before, token); outcome = "returned normally"; }
            catch (OperationCanceledException) { outcome = "OperationCanceledException"; }
            catch (Exception e) { outcome = e.GetType().Name; }
            var after = await chat.Conversations.GetAsync(Acme, c.Id);
            var changed = after.Version != before.Version || after.State != before.State || after.AssignedAgentId != before.AssignedAgentId;
            report.Add($"{name}: {outcome}; {(changed ? $"CHANGED {before.State} v{before.Version} -> {after.State} v{after.Version}" : "unchanged")}");
            // Finish the probe: free any seat it took or an offer holds.
            if (after.State != ConversationState.Ended) await chat.Conversations.EndAsync(Acme, c.Id, null);
        }

        await Probe("Conversations.RequestAgentAsync", (c, _) => chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.Workspace, cancelled.Token).AsTask());
        await Probe("Visitors.RequestAgentAsync", (c, t) => chat.Visitors.RequestAgentAsync(Acme, c.Id, t, RoutingTarget.Workspace, cancelled.Token).AsTask());
        await Probe("VisitorSession.RequestAgentAsync", async (c, t) => await (await chat.Visitors.AuthorizeAsync(Acme, c.Id, t)).RequestAgentAsync(RoutingTarget.Workspace, cancelled.Token));
        await Probe("Conversations.ClaimAsync", (c, _) => chat.Conversations.ClaimAsync(Acme, c.Id, alice, cancelled.Token).AsTask());
        await Probe("Conversations.AcceptOfferAsync", (c, _) => chat.Conversations.AcceptOfferAsync(Acme, c.Id, c.Routing!.Offer!.AgentId, c.Routing!.Offer!.Token, cancelled.Token).AsTask(), offered: true);
        await Probe("Conversations.DeclineOfferAsync", (c, _) => chat.Conversations.DeclineOfferAsync(Acme, c.Id, c.Routing!.Offer!.AgentId, c.Routing!.Offer!.Token, cancelled.Token).AsTask(), offered: true);
        await Probe("Conversations.EndAsync", (c, _) => chat.Conversations.EndAsync(Acme, c.Id, null, cancelled.Token).AsTask());

        string status;
        try { await chat.Agents.SetStatusAsync(Acme, olga, AgentStatus.Online, cancelled.Token); status = "returned normally"; }
        catch (OperationCanceledException) { status = "OperationCanceledException"; }
        var olgaNow = await chat.Agents.GetAsync(Acme, olga);
        report.Add($"Agents.SetStatusAsync: {status}; olga is {olgaNow.Status}");

        var summary = string.Join(Environment.NewLine, report);
        report.Should().OnlyContain(r => r.Contains("OperationCanceledException") && (r.Contains("unchanged") || r.Contains("olga is Offline")),
            $"a call given an already cancelled token is cancelled before it changes anything (\"cancellationToken: Cancels the call\"):{Environment.NewLine}{summary}");
    }

    [Fact]
    public async Task Handoff_OnAnEndedConversation_IsConversationEnded()
    {
        await using var chat = Chat.Create();
        await chat.AgentAsync(Acme, "alice");
        var (c, token) = await chat.StartAsync(Acme);
        await chat.Conversations.EndAsync(Acme, c.Id, null);
        var before = await chat.Conversations.GetAsync(Acme, c.Id);
        await Refused<ConversationEndedException>(() => chat.Visitors.RequestAgentAsync(Acme, c.Id, token, RoutingTarget.Workspace).AsTask(), LiveChatErrorCategory.Conflict, "ended is terminal");
        await Refused<ConversationEndedException>(() => chat.Conversations.ClaimAsync(Acme, c.Id, new AgentId("alice")).AsTask(), LiveChatErrorCategory.Conflict, "ended is terminal");
        await Unchanged(chat, Acme, before);
    }
}
