using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Routing;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Agent notifications over the hub (features N1, W2, W5): alerts reach exactly the agents they name on every tab, are
/// withdrawn on every tab when one agent claims, and a reconnecting agent resyncs its folders and pending alerts.
/// </summary>
public sealed class N1_AgentAlertsTests
{
    [Fact]
    public async Task Claim_ByOneAgent_WithdrawsTheAlertOnEveryTabOfEveryAlertedAgent()
    {
        await using var server = await ChatServer.StartAsync(core: o => o.Routing.Mode = RoutingMode.Alert);
        await server.AgentAsync("alice", "Alice");
        await server.AgentAsync("bob", "Bob");
        await server.AgentAsync("carol", "Carol");
        await using var aliceTab1 = await HubClient.AgentAsync(server, "alice");
        await using var aliceTab2 = await HubClient.AgentAsync(server, "alice");
        await using var bob = await HubClient.AgentAsync(server, "bob");
        await using var carol = await HubClient.AgentAsync(server, "carol");
        await aliceTab1.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await bob.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await using var visitor = await HubClient.VisitorAsync(server);
        var id = (await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null))).State.ConversationId;

        await visitor.InvokeAsync<string>("RequestAgent");
        foreach (var tab in new[] { aliceTab1, aliceTab2, bob })
        {
            await tab.WaitUntilAsync(t => t.Of<AgentAlert>("Notified").Any(n => n.Kind == "NewRequest" && n.ConversationId == id), "every tab of every online agent is alerted");
        }

        await bob.InvokeAsync<AgentConversation>("Claim", id);

        await aliceTab1.WaitUntilAsync(t => t.Of<AgentAlert>("Notified").Any(n => n.Kind == "RequestTaken" && n.ConversationId == id), "Alice's first tab clears the alert");
        await aliceTab2.WaitUntilAsync(t => t.Of<AgentAlert>("Notified").Any(n => n.Kind == "RequestTaken" && n.ConversationId == id), "Alice's second tab clears the alert");
        await bob.WaitUntilAsync(t => t.Of<AgentAlert>("Notified").Any(n => n.Kind == "Assigned" && n.ConversationId == id), "Bob is told it is his");
        aliceTab1.Of<AgentAlert>("Notified").Should().OnlyContain(n => n.AgentId == "alice", "a notification reaches only the agent it names");
        bob.Of<AgentAlert>("Notified").Should().OnlyContain(n => n.AgentId == "bob");
        carol.Of<AgentAlert>("Notified").Should().BeEmpty("Carol was offline and was never alerted");
    }

    [Fact]
    public async Task Resync_AfterMissingEventsWhileAway_ReturnsStatusFoldersCountsAndPendingAlerts()
    {
        await using var server = await ChatServer.StartAsync(core: o => o.Routing.Mode = RoutingMode.Alert);
        await server.AgentAsync("alice", "Alice");
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await alice.InvokeAsync<AgentSummary>("SetStatus", "Online");
        var waiting = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await using var visitor = await HubClient.VisitorAsync(server);
            waiting.Add((await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest($"Visitor {i}"))).State.ConversationId);
            await visitor.InvokeAsync<string>("RequestAgent");
        }

        await alice.InvokeAsync<AgentConversation>("Claim", waiting[0]);
        await alice.InvokeAsync<AgentConversation>("End", waiting[0]);

        var resync = await alice.InvokeAsync<AgentResync>("Resync");

        resync.Agent.Status.Should().Be("Online");
        resync.Agent.Present.Should().BeTrue();
        resync.Counts.Should().Be(new InboxCounts(2, 0, 1, 1000));
        resync.Unassigned.Items.Select(c => c.ConversationId).Should().BeEquivalentTo(waiting[1..]);
        resync.PendingAlerts.Select(a => (a.ConversationId, a.Kind)).Should().BeEquivalentTo(waiting[1..].Select(w => (w, "NewRequest")));
        var ended = await alice.InvokeAsync<InboxPage>("ListInbox", "Ended", 1, null);
        ended.Items.Should().ContainSingle().Which.State.Should().Be("Ended");
    }

    [Fact]
    public async Task Resync_RequestFallsBackToAnotherTeam_AlertsExactlyTheAgentsTheRouterOffersTo()
    {
        await using var server = await ChatServer.StartAsync(core: o => o.Routing.Mode = RoutingMode.Alert);
        var (sales, support) = (new TeamId("sales"), new TeamId("support"));
        await server.Engine.Agents.DefineTeamAsync(ChatServer.Acme, new Team(support, "Support"));
        await server.Engine.Agents.DefineTeamAsync(ChatServer.Acme, new Team(sales, "Sales", FallbackTeam: support));
        foreach (var (agent, team) in new[] { ("alice", sales), ("carla", support), ("dan", support) })
        {
            await server.Engine.Agents.RegisterAsync(ChatServer.Acme, new Core.Agents.AgentRegistration(new(agent), agent, 3) { Teams = [team] });
        }

        await using var alice = await HubClient.AgentAsync(server, "alice");
        await using var carla = await HubClient.AgentAsync(server, "carla");
        await using var dan = await HubClient.AgentAsync(server, "dan");
        await carla.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await using var visitor = await HubClient.VisitorAsync(server);
        var id = (await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null))).State.ConversationId;

        // Nobody of Sales is online: the request for Sales falls back to Support, whose online agent Carla is alerted.
        await server.Engine.Conversations.RequestAgentAsync(ChatServer.Acme, Core.Conversations.ConversationId.Parse(id, null), RoutingTarget.ToTeam(sales));
        await carla.WaitUntilAsync(c => c.Of<AgentAlert>("Notified").Any(n => n.Kind == "NewRequest" && n.ConversationId == id), "the fallback team's online agent is alerted");
        var resyncs = new Dictionary<string, AgentResync>
        {
            ["alice"] = await alice.InvokeAsync<AgentResync>("Resync"),
            ["carla"] = await carla.InvokeAsync<AgentResync>("Resync"),
            ["dan"] = await dan.InvokeAsync<AgentResync>("Resync"),
        };

        resyncs["carla"].PendingAlerts.Should().ContainSingle(a => a.ConversationId == id && a.Kind == "NewRequest", "the router alerted her: her reloaded inbox keeps the alert");
        resyncs["alice"].PendingAlerts.Should().BeEmpty("she is offline: the router offers her nothing");
        resyncs["dan"].PendingAlerts.Should().BeEmpty("he is offline: the router offers him nothing");
        alice.Of<AgentAlert>("Notified").Should().BeEmpty();
        dan.Of<AgentAlert>("Notified").Should().BeEmpty();
    }

    [Fact]
    public async Task Offer_ToOneAgent_TokenReachesOnlyThatAgentAndNeverAWorkspacePush()
    {
        await using var server = await ChatServer.StartAsync(core: o => o.Routing.Mode = RoutingMode.Offer);
        await server.AgentAsync("alice", "Alice");
        await server.AgentAsync("bob", "Bob");
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await using var bob = await HubClient.AgentAsync(server, "bob");
        await alice.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await bob.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await using var visitor = await HubClient.VisitorAsync(server);
        var id = (await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null))).State.ConversationId;

        (await visitor.InvokeAsync<string>("RequestAgent")).Should().Be("Offered");
        await Task.WhenAny(
            alice.WaitUntilAsync(a => a.Of<AgentAlert>("Notified").Any(n => n.Kind == "Offered"), "an offer reaches Alice"),
            bob.WaitUntilAsync(b => b.Of<AgentAlert>("Notified").Any(n => n.Kind == "Offered"), "an offer reaches Bob"));
        var (offered, other) = alice.Of<AgentAlert>("Notified").Any(n => n.Kind == "Offered") ? (alice, bob) : (bob, alice);
        var token = offered.Of<AgentAlert>("Notified").Single(n => n.Kind == "Offered").OfferToken!.Value;
        var offeredPage = await offered.InvokeAsync<InboxPage>("ListInbox", "Unassigned", 10, null);
        var otherPage = await other.InvokeAsync<InboxPage>("ListInbox", "Unassigned", 10, null);
        var otherResync = await other.InvokeAsync<AgentResync>("Resync");
        var otherOpened = await other.InvokeAsync<AgentConversation>("OpenConversation", id, 0L);
        var accepted = await offered.InvokeAsync<AgentConversation>("AcceptOffer", id, token);

        offeredPage.Items.Should().ContainSingle().Which.OfferToken.Should().Be(token, "the agent the offer is addressed to may answer it");
        otherPage.Items.Should().ContainSingle().Which.Should().Match<AgentConversation>(c => c.OfferToken == null && c.OfferedTo != null);
        otherResync.Unassigned.Items.Should().OnlyContain(c => c.OfferToken == null);
        otherResync.PendingAlerts.Should().BeEmpty("the offer is not theirs");
        otherOpened.OfferToken.Should().BeNull();
        accepted.State.Should().Be("Assigned");
        await other.WaitUntilAsync(o => o.Of<AgentConversation>("ConversationChanged").Any(c => c.State == "Assigned"), "the workspace sees the accept");
        foreach (var agent in new[] { alice, bob })
        {
            agent.Of<AgentConversation>("ConversationChanged").Should().OnlyContain(c => c.OfferToken == null, "a workspace push never carries an offer token");
        }

        other.Of<AgentAlert>("Notified").Should().NotContain(n => n.OfferToken != null);
    }
}
