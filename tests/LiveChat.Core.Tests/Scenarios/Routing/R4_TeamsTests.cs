using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>R4: route to a team or a named teammate, with a fallback team.</summary>
public sealed class R4_TeamsTests
{
    [Fact]
    public async Task ATeamRequest_GoesOnlyToThatTeam()
    {
        await using var h = new LiveChatHarness();
        var sales = await h.TeamAsync("sales");
        await h.TeamAsync("support");
        await h.OnlineAgentAsync("sam", 5, null, "support");
        var sally = await h.OnlineAgentAsync("sally", 5, null, "sales");

        for (var i = 0; i < 3; i++)
        {
            (await h.RequestAsync(RoutingTarget.ToTeam(sales))).Conversation.AssignedAgentId.Should().Be(sally);
        }
    }

    [Fact]
    public async Task ANamedTeammate_GetsTheConversation_AndWhenBusyTheFallbackTeamDoes()
    {
        await using var h = new LiveChatHarness();
        var support = await h.TeamAsync("support");
        var alice = await h.OnlineAgentAsync("alice", 1);
        var bob = await h.OnlineAgentAsync("bob", 5, null, "support");

        (await h.RequestAsync(RoutingTarget.ToAgent(alice, support))).Conversation.AssignedAgentId.Should().Be(alice);
        (await h.RequestAsync(RoutingTarget.ToAgent(alice, support))).Conversation.AssignedAgentId.Should().Be(bob);
        (await h.RequestAsync(RoutingTarget.ToAgent(alice))).Outcome.Should().Be(HandoffOutcome.Offline, "without a fallback only alice may take it");
    }

    [Fact]
    public async Task ATeamWithNobodyAvailable_FallsBackToItsFallbackTeam()
    {
        await using var h = new LiveChatHarness();
        await h.TeamAsync("support");
        var sales = await h.TeamAsync("sales", fallback: "support");
        await h.OnlineAgentAsync("sally", 5, null, "sales");
        await h.Chat.Agents.SetStatusAsync(h.Workspace, new AgentId("sally"), AgentStatus.Away);
        var bob = await h.OnlineAgentAsync("bob", 5, null, "support");

        (await h.RequestAsync(RoutingTarget.ToTeam(sales))).Conversation.AssignedAgentId.Should().Be(bob);
    }

    [Fact]
    public async Task AnUnknownTeam_IsRefused_BeforeAnythingChanges()
    {
        await using var h = new LiveChatHarness();
        await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.StartAsync();

        await FluentActions.Awaiting(() => h.Chat.Conversations.RequestAgentAsync(h.Workspace, conversation.Id, RoutingTarget.ToTeam(new TeamId("ghosts"))).AsTask())
            .Should().ThrowAsync<TeamNotFoundException>().Where(e => e.TeamId == new TeamId("ghosts"));
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).Should().Be(conversation);

        await FluentActions.Awaiting(() => h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(new AgentId("zed"), "Zed") { Teams = [new TeamId("ghosts")] }).AsTask())
            .Should().ThrowAsync<TeamNotFoundException>();
        (await h.Chat.Agents.ListAsync(h.Workspace)).Select(a => a.Id.Value).Should().Equal("alice");
        await FluentActions.Awaiting(() => h.Chat.Agents.DefineTeamAsync(h.Workspace, new Team(new TeamId("a"), "A", new TeamId("ghosts"))).AsTask())
            .Should().ThrowAsync<TeamNotFoundException>();
        await FluentActions.Awaiting(() => h.Chat.Agents.DefineTeamAsync(h.Workspace, new Team(new TeamId("a"), "A", new TeamId("a"))).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        (await h.Chat.Agents.ListTeamsAsync(h.Workspace)).Should().BeEmpty();
    }

    [Fact]
    public async Task AnAgentJoiningATeamLater_StartsReceivingItsRequests()
    {
        await using var h = new LiveChatHarness();
        var sales = await h.TeamAsync("sales");
        var alice = await h.OnlineAgentAsync("alice");
        var waiting = await h.RequestAsync(RoutingTarget.ToTeam(sales));
        waiting.Outcome.Should().Be(HandoffOutcome.Offline);

        await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(alice, "Alice") { Teams = [sales] });

        (await h.Chat.Conversations.GetAsync(h.Workspace, waiting.Conversation.Id)).AssignedAgentId.Should().Be(alice);
    }
}
