using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>P3 and the seed 000 rule: the live flow only when at least one agent is available for the target, else the offline flow under the card.</summary>
public sealed class P3_LiveChatCardTests
{
    [Fact]
    public async Task Seed000_AnAgentOnline_ConversationGoesToRouting_AndTheBotStepsBack()
    {
        await using var h = new PlaybookHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        await h.OnlineAgentAsync("alice");
        await h.PublishAsync(SeedPlaybooks.LiveChatOnly());

        var visitor = await h.StartAsync();

        (await h.ConversationAsync(visitor)).State.Should().Be(ConversationState.Unassigned);
        (await h.RunAsync(visitor)).Status.Should().Be(PlaybookRunStatus.HandedOff);
        (await h.MessagesAsync(visitor)).Should().Contain(m => m.SystemEvent == SystemEvent.Queued && m.Text == "Connecting you with an agent.");
        (await h.BotSaysAsync(visitor)).Should().Equal("Hello!");
    }

    [Fact]
    public async Task Seed000_NobodyOnline_TheOfflineFlowUnderTheCardRuns()
    {
        await using var h = new PlaybookHarness();
        await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(new AgentId("alice"), "Alice"));
        await h.PublishAsync(SeedPlaybooks.LiveChatOnly());

        var visitor = await h.StartAsync();

        (await h.ConversationAsync(visitor)).State.Should().Be(ConversationState.Offline);
        (await h.RunAsync(visitor)).Should().BeEquivalentTo(new { CardId = "offline-end", Status = PlaybookRunStatus.Finished });
        (await h.MessagesAsync(visitor)).Should().Contain(m => m.SystemEvent == SystemEvent.WentOffline);
        (await h.BotSaysAsync(visitor)).Should().Equal("Hello!", "We will write back.");
    }

    [Fact]
    public async Task AllAgentsBusy_CountsAsNobodyAvailable()
    {
        await using var h = new PlaybookHarness();
        var alice = await h.OnlineAgentAsync("alice", capacity: 1);
        var busy = await h.Chat.Conversations.StartAsync(h.Workspace);
        await h.Chat.Conversations.ClaimAsync(h.Workspace, busy.Conversation.Id, alice);
        await h.PublishAsync(SeedPlaybooks.LiveChatOnly());

        var visitor = await h.StartAsync();

        (await h.ConversationAsync(visitor)).State.Should().Be(ConversationState.Offline);
        (await h.LastBotTextAsync(visitor)).Should().Be("We will write back.");
    }

    [Fact]
    public async Task TheCardAsksForItsTeam_AnAgentOfAnotherTeamDoesNotCount()
    {
        await using var h = new PlaybookHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        await h.TeamsAsync("sales", "support");
        await h.OnlineAgentAsync("bob", 5, "sales");
        await h.PublishAsync(SeedPlaybooks.Full());

        var customer = await h.StartAsync();
        await h.SayAsync(customer, "Yes, I'm a customer");
        await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, customer.Conversation.Id, customer.VisitorToken, new ContactForm { Name = "Ann", Email = "ann@example.com" });

        (await h.ConversationAsync(customer)).State.Should().Be(ConversationState.Offline, "nobody of support is online, only sales");
        (await h.RunAsync(customer)).CardId.Should().Be("bye");

        await h.OnlineAgentAsync("sue", 5, "support");
        var next = await h.StartAsync();
        await h.SayAsync(next, "1");
        await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, next.Conversation.Id, next.VisitorToken, new ContactForm { Name = "Ben", Email = "ben@example.com" });
        (await h.ConversationAsync(next)).State.Should().Be(ConversationState.Unassigned);
        (await h.ConversationAsync(next)).Routing!.Target.Team.Should().Be(new TeamId("support"));
    }

    [Fact]
    public async Task AnAgentTakingTheConversation_StopsTheBot()
    {
        await using var h = new PlaybookHarness();
        var alice = await h.OnlineAgentAsync("alice");
        await h.PublishAsync(SeedPlaybooks.Full());
        var visitor = await h.StartAsync();

        await h.Chat.Conversations.ClaimAsync(h.Workspace, visitor.Conversation.Id, alice);
        await h.SayAsync(visitor, "No, not yet");

        (await h.RunAsync(visitor)).Status.Should().Be(PlaybookRunStatus.Stopped);
        (await h.BotSaysAsync(visitor)).Should().HaveCount(2, "the greeting and the routing question only");
    }

    [Fact]
    public async Task ANamedTeammate_IsAskedFor_AndTheirFallbackTeamCounts()
    {
        await using var h = new PlaybookHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        await h.TeamsAsync("support");
        await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(new AgentId("bob"), "Bob"));
        var playbook = SeedPlaybooks.LiveChatOnly() with
        {
            Cards = [.. SeedPlaybooks.LiveChatOnly().Cards.Select(c => c is LiveChatCard live ? live with { Agent = "bob", Team = "support" } : c)],
        };
        await h.PublishAsync(playbook);

        var nobody = await h.StartAsync();
        await h.OnlineAgentAsync("sue", 5, "support");
        var fallback = await h.StartAsync();

        (await h.ConversationAsync(nobody)).State.Should().Be(ConversationState.Offline, "bob is offline and nobody of support was online yet");
        var routed = await h.ConversationAsync(fallback);
        routed.State.Should().Be(ConversationState.Unassigned, "bob is offline, but sue of his fallback team is online");
        routed.Routing!.Target.Should().Be(RoutingTarget.ToAgent(new AgentId("bob"), new TeamId("support")));
    }
}
