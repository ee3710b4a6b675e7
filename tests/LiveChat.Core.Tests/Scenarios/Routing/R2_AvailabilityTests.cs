using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>R2: "available" means online with free capacity; all offline or all busy sends the visitor to the offline form.</summary>
public sealed class R2_AvailabilityTests
{
    [Fact]
    public async Task NobodyRegistered_OrAllOffline_MeansOffline()
    {
        await using var h = new LiveChatHarness();
        (await h.Chat.Agents.IsAvailableAsync(h.Workspace)).Should().BeFalse();
        await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(new AgentId("alice"), "Alice"));

        (await h.Chat.Agents.IsAvailableAsync(h.Workspace)).Should().BeFalse();
        (await h.RequestAsync()).Outcome.Should().Be(HandoffOutcome.Offline);
    }

    [Fact]
    public async Task AllBusy_MeansOffline_AndTheFirstFreedSeatTakesTheOldestRequest()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice", capacity: 1);
        var first = await h.RequestAsync();
        first.Outcome.Should().Be(HandoffOutcome.Assigned);

        (await h.Chat.Agents.IsAvailableAsync(h.Workspace)).Should().BeFalse("alice is online but full");
        var older = await h.RequestAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await h.RequestAsync();
        older.Outcome.Should().Be(HandoffOutcome.Offline);

        await h.Chat.Conversations.EndAsync(h.Workspace, first.Conversation.Id, alice);

        (await h.Chat.Conversations.GetAsync(h.Workspace, older.Conversation.Id)).AssignedAgentId.Should().Be(alice);
        (await h.Chat.Conversations.GetAsync(h.Workspace, newer.Conversation.Id)).State.Should().Be(ConversationState.Offline);
    }

    [Fact]
    public async Task Capacity_IsCountedAcrossTheWholeWorkspace_NotPerTeam()
    {
        await using var h = new LiveChatHarness();
        var sales = await h.TeamAsync("sales");
        var support = await h.TeamAsync("support");
        await h.OnlineAgentAsync("alice", 1, null, "sales", "support");

        (await h.RequestAsync(RoutingTarget.ToTeam(sales))).Outcome.Should().Be(HandoffOutcome.Assigned);

        (await h.Chat.Agents.IsAvailableAsync(h.Workspace, RoutingTarget.ToTeam(support))).Should().BeFalse();
        (await h.RequestAsync(RoutingTarget.ToTeam(support))).Outcome.Should().Be(HandoffOutcome.Offline);
    }

    [Fact]
    public async Task TheAvailabilityQuestion_AnswersPerTeam_CountingTheFallbackTeam()
    {
        await using var h = new LiveChatHarness();
        var support = await h.TeamAsync("support");
        var sales = await h.TeamAsync("sales", fallback: "support");
        var vip = await h.TeamAsync("vip");
        await h.OnlineAgentAsync("bob", 1, null, "support");

        (await h.Chat.Agents.IsAvailableAsync(h.Workspace, RoutingTarget.ToTeam(support))).Should().BeTrue();
        (await h.Chat.Agents.IsAvailableAsync(h.Workspace, RoutingTarget.ToTeam(sales))).Should().BeTrue("sales falls back to support");
        (await h.Chat.Agents.IsAvailableAsync(h.Workspace, RoutingTarget.ToTeam(vip))).Should().BeFalse();
        await FluentActions.Awaiting(() => h.Chat.Agents.IsAvailableAsync(h.Workspace, RoutingTarget.ToTeam(new TeamId("nope"))).AsTask())
            .Should().ThrowAsync<TeamNotFoundException>();
    }
}
