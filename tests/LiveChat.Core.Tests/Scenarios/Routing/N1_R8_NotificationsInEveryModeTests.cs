using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>
/// N1, R8 (seed 000: "you will receive a notification as soon as a chat is requested", whatever the assignment mode):
/// every mode that leaves a request waiting tells the eligible online agents.
/// </summary>
public sealed class N1_R8_NotificationsInEveryModeTests
{
    [Fact]
    public async Task Manual_ANewRequest_NotifiesEveryEligibleOnlineAgent_AndTheClaimWithdrawsItFromTheOthers()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var away = await h.OnlineAgentAsync("away");
        await h.Chat.Agents.SetStatusAsync(h.Workspace, away, AgentStatus.Away);
        await using var events = h.Chat.Events.Subscribe(h.Workspace);

        var handoff = await h.RequestAsync();
        var heard = LiveChatHarness.Notifications(events);

        heard.Should().OnlyContain(n => n.Kind == AgentNotificationKind.NewRequest && n.ConversationId == handoff.Conversation.Id);
        heard.Select(n => n.AgentId).Should().BeEquivalentTo([alice, bob], "an away agent is not eligible");

        await h.Chat.Conversations.ClaimAsync(h.Workspace, handoff.Conversation.Id, alice);
        LiveChatHarness.Notifications(events).Select(n => (n.AgentId, n.Kind)).Should().BeEquivalentTo(
            [(alice, AgentNotificationKind.Assigned), (bob, AgentNotificationKind.RequestTaken)]);
    }

    [Fact]
    public async Task Manual_ARequestForATeam_NotifiesOnlyThatTeamsOnlineAgents()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var sales = await h.TeamAsync("sales");
        await h.TeamAsync("support");
        var seller = await h.OnlineAgentAsync("seller", teams: "sales");
        await h.OnlineAgentAsync("support", teams: "support");
        await using var events = h.Chat.Events.Subscribe(h.Workspace);

        await h.RequestAsync(RoutingTarget.ToTeam(sales));

        LiveChatHarness.Notifications(events).Should().ContainSingle()
            .Which.Should().Match<AgentNotification>(n => n.AgentId == seller && n.Kind == AgentNotificationKind.NewRequest);
    }
}
