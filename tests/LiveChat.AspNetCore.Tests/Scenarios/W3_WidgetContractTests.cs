using LiveChat.Core.Testing;
using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Agents;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using Microsoft.AspNetCore.SignalR;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// What the browser widget and the inbox need from the hubs beyond issue 16 (features W3, W4, P2): the playbook's
/// appearance and language, the agents to reassign to, and pages of the host's own origin.
/// </summary>
public sealed class W3_WidgetContractTests
{
    [Fact]
    public async Task GetAppearance_PublishedPlaybook_ItsColoursIconBotNameAndLanguage()
    {
        await using var server = await ChatServer.StartAsync();
        await server.Engine.Playbooks.PublishAsync(ChatServer.Acme, Playbooks.Seed000 with
        {
            Language = "cs",
            Appearance = new PlaybookAppearance { BotName = "Robo", PrimaryColor = "#112233", TextColor = "#FAFAFA", Icon = "robot" },
        });
        await using var before = await HubClient.VisitorAsync(server);
        await using var visitor = await HubClient.VisitorAsync(server);
        await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));

        var beforeStart = await before.InvokeAsync<WidgetAppearance>("GetAppearance");
        var inConversation = await visitor.InvokeAsync<WidgetAppearance>("GetAppearance");

        inConversation.Should().Be(new WidgetAppearance("Robo", "#112233", "#FAFAFA", "robot", "cs"));
        beforeStart.Should().Be(inConversation, "before Start the workspace's active playbook is the one the conversation will get");
    }

    [Fact]
    public async Task GetAppearance_NoPlaybook_DefaultsWithTheConfiguredBotNameInEnglish()
    {
        await using var server = await ChatServer.StartAsync();
        await using var visitor = await HubClient.VisitorAsync(server);

        var look = await visitor.InvokeAsync<WidgetAppearance>("GetAppearance");

        look.BotName.Should().Be("Leo");
        look.Language.Should().Be("en");
        look.PrimaryColor.Should().MatchRegex("^#[0-9A-Fa-f]{6}$");
    }

    [Fact]
    public async Task ListAgents_Workspace_EveryAgentOfItWithStatusAndPresenceAndNoneOfAnother()
    {
        await using var server = await ChatServer.StartAsync();
        await server.AgentAsync("bob", "Bob");
        await server.AgentAsync("alice", "Alice");
        await server.AgentAsync("carol", "Carol", ChatServer.Globex);
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await alice.InvokeAsync<AgentSummary>("SetStatus", "Online");

        var agents = await alice.InvokeAsync<IReadOnlyList<AgentSummary>>("ListAgents");

        agents.Select(a => a.AgentId).Should().Equal("alice", "bob");
        agents[0].Should().Match<AgentSummary>(a => a.Status == nameof(AgentStatus.Online) && a.Present);
        agents[1].Should().Match<AgentSummary>(a => a.Status == nameof(AgentStatus.Offline) && !a.Present);
    }

    [Fact]
    public async Task GetUnreadCounts_MinePage_OneCallGivesEachConversationsCount_AnotherWorkspacesIdIsLeftOut()
    {
        await using var server = await ChatServer.StartAsync();
        await server.AgentAsync("alice", "Alice");
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await alice.InvokeAsync<AgentSummary>("SetStatus", "Online");
        var quiet = await server.Engine.Conversations.StartAsync(ChatServer.Acme, new() { VisitorName = "Eva" });
        var busy = await server.Engine.Conversations.StartAsync(ChatServer.Acme, new() { VisitorName = "<b>Jan</b>" });
        var globex = await server.Engine.Conversations.StartAsync(ChatServer.Globex, new() { VisitorName = "Other" });
        foreach (var c in new[] { quiet, busy })
        {
            await alice.InvokeAsync<AgentConversation>("Claim", c.Conversation.Id.ToString());
        }

        await server.Engine.Visitors.PostAsync(ChatServer.Acme, busy.Conversation.Id, busy.VisitorToken, "Hello?");
        await server.Engine.Visitors.PostAsync(ChatServer.Acme, busy.Conversation.Id, busy.VisitorToken, "<script>alert(1)</script>");
        await alice.InvokeAsync<long>("MarkRead", quiet.Conversation.Id.ToString(), 1L);
        var mine = await alice.InvokeAsync<InboxPage>("ListInbox", "Mine", 25, null);

        var counts = await alice.InvokeAsync<Dictionary<string, int>>("GetUnreadCounts", (object)mine.Items.Select(c => c.ConversationId).Append(globex.Conversation.Id.ToString()).ToArray());

        counts.Keys.Should().BeEquivalentTo(mine.Items.Select(c => c.ConversationId), "another workspace's conversation is left out");
        foreach (var c in mine.Items)
        {
            counts[c.ConversationId].Should().Be(await alice.InvokeAsync<int>("GetUnreadCount", c.ConversationId));
        }

        counts[busy.Conversation.Id.ToString()].Should().Be(3, "the system message and two visitor messages");
        counts[quiet.Conversation.Id.ToString()].Should().Be(0);
        await FluentActions.Awaiting(() => alice.InvokeAsync<Dictionary<string, int>>("GetUnreadCounts", (object)new[] { "not-an-id" }))
            .Should().ThrowAsync<HubException>().WithMessage("*conversation id*");
    }

    [Fact]
    public async Task Resync_RequestForATeam_PendingAlertOnlyForItsMembers()
    {
        await using var server = await ChatServer.StartAsync(core: o => o.Routing.Mode = RoutingMode.Alert);
        var support = new TeamId("support");
        await server.Engine.Agents.DefineTeamAsync(ChatServer.Acme, new Team(support, "Support"));
        await server.Engine.Agents.RegisterAsync(ChatServer.Acme, new AgentRegistration(new AgentId("bob"), "Bob") { Teams = [support] });
        await server.AgentAsync("alice", "Alice");
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await using var bob = await HubClient.AgentAsync(server, "bob");
        await alice.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await bob.InvokeAsync<AgentSummary>("SetStatus", "Online");
        var started = await server.Engine.Conversations.StartAsync(ChatServer.Acme, new() { VisitorName = "Eva" });
        await server.Engine.Visitors.RequestAgentAsync(ChatServer.Acme, started.Conversation.Id, started.VisitorToken, RoutingTarget.ToTeam(support));

        var forAlice = await alice.InvokeAsync<AgentResync>("Resync");
        var forBob = await bob.InvokeAsync<AgentResync>("Resync");

        forBob.PendingAlerts.Should().ContainSingle(a => a.ConversationId == started.Conversation.Id.ToString() && a.Kind == "NewRequest");
        forAlice.PendingAlerts.Should().BeEmpty("Alice is not in the support team, so she was never alerted");
        forAlice.Unassigned.Items.Should().ContainSingle("the Unassigned folder still shows every waiting conversation");
    }

    [Fact]
    public async Task Resume_ContactFormAskedWhileNoWidgetWasConnected_RequestedAgainAfterTheMessages()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var server = await ChatServer.StartAsync(time: time);
        await server.Engine.Playbooks.PublishAsync(ChatServer.Acme, Playbooks.Seed000 with { Timers = new PlaybookTimers { ContactFormAfterGreeting = TimeSpan.FromSeconds(5) } });
        await using var first = await HubClient.VisitorAsync(server);
        var session = await first.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        await first.DisposeAsync();
        var id = LiveChat.Core.Conversations.ConversationId.Parse(session.State.ConversationId, null);
        time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.HoldsAsync(async () => (await server.Engine.Playbooks.GetRunAsync(ChatServer.Acme, id))?.PendingForm == PlaybookFormKind.ContactForm, "the timer asked for the form");

        await using var back = await HubClient.VisitorAsync(server, credential: session.Credential);
        await back.InvokeAsync<VisitorState>("Resume", 0L);

        // The .NET client may run handlers after the call's result: wait for the frame, then check the order.
        await back.WaitUntilAsync(b => b.Of<VisitorFormRequest>("FormRequested").Count > 0, "the pending form is requested again");
        var form = back.Of<VisitorFormRequest>("FormRequested").Should().ContainSingle().Subject;
        form.Kind.Should().Be("ContactForm");
        form.Language.Should().Be("en");
        var methods = back.Frames.Select(f => f.Method).ToList();
        methods.IndexOf("FormRequested").Should().BeGreaterThan(methods.LastIndexOf("MessageReceived"), "the messages come first, so the form follows its invitation");
    }

    [Fact]
    public async Task Connect_PageOfTheHostsOwnOrigin_AllowedWithoutAnEntry()
    {
        await using var server = await ChatServer.StartAsync();
        var own = server.Url.GetLeftPart(UriPartial.Authority);

        await using var visitor = await HubClient.VisitorAsync(server, origin: own);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        var otherPort = await HubClient.RefusalAsync(() => HubClient.VisitorAsync(server, origin: $"http://127.0.0.1:{server.Url.Port + 1}"));

        session.State.State.Should().NotBeEmpty();
        otherPort.Should().Contain("forbidden:", "only the exact origin of the host counts as its own");
    }
}
