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
        var heard = (await h.NotificationsAsync(events));

        heard.Should().OnlyContain(n => n.Kind == AgentNotificationKind.NewRequest && n.ConversationId == handoff.Conversation.Id);
        heard.Select(n => n.AgentId).Should().BeEquivalentTo([alice, bob], "an away agent is not eligible");

        await h.Chat.Conversations.ClaimAsync(h.Workspace, handoff.Conversation.Id, alice);
        (await h.NotificationsAsync(events)).Select(n => (n.AgentId, n.Kind)).Should().BeEquivalentTo(
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

        (await h.NotificationsAsync(events)).Should().ContainSingle()
            .Which.Should().Match<AgentNotification>(n => n.AgentId == seller && n.Kind == AgentNotificationKind.NewRequest);
    }

    public static TheoryData<string> WaitingModes => ["manual", "alert"];

    [Theory, MemberData(nameof(WaitingModes))]
    public async Task ARequestQueuedWhileNobodyWasAvailable_IsAnnouncedToEachAgentWhoBecomesEligible_OnceAndWithdrawnOnClaim(string mode)
    {
        await using var h = Waiting(mode);
        var alice = await RegisterOfflineAsync(h, "alice");
        var bob = await RegisterOfflineAsync(h, "bob");
        var handoff = await h.RequestAsync();
        var id = handoff.Conversation.Id;
        await using var events = h.Chat.Events.Subscribe(h.Workspace);

        await h.Chat.Agents.SetStatusAsync(h.Workspace, alice, AgentStatus.Online);
        await h.Chat.Agents.HeartbeatAsync(h.Workspace, alice);
        await h.Chat.Agents.SetStatusAsync(h.Workspace, bob, AgentStatus.Online);
        await h.Chat.Conversations.ClaimAsync(h.Workspace, id, bob);

        (await h.NotificationsAsync(events)).Select(n => (n.AgentId, n.Kind, n.ConversationId)).Should().Equal(
            (alice, AgentNotificationKind.NewRequest, id),
            (bob, AgentNotificationKind.NewRequest, id),
            (alice, AgentNotificationKind.RequestTaken, id),
            (bob, AgentNotificationKind.Assigned, id));
    }

    [Theory, MemberData(nameof(WaitingModes))]
    public async Task ARequestWaitingForAFullAgent_IsAnnouncedWhenTheirSeatFrees_AndNotToOtherTeams(string mode)
    {
        await using var h = Waiting(mode);
        var sales = await h.TeamAsync("sales");
        await h.TeamAsync("support");
        var seller = await h.OnlineAgentAsync("seller", 1, null, "sales");
        var busy = await h.AssignedToAsync(seller);
        var handoff = await h.RequestAsync(RoutingTarget.ToTeam(sales));
        await using var events = h.Chat.Events.Subscribe(h.Workspace);

        await h.OnlineAgentAsync("helper", 5, null, "support");
        await h.Chat.Conversations.EndAsync(h.Workspace, busy.Conversation.Id, seller);

        (await h.NotificationsAsync(events)).Where(n => n.Kind == AgentNotificationKind.NewRequest)
            .Select(n => (n.AgentId, n.ConversationId)).Should().Equal((seller, handoff.Conversation.Id));
    }

    private static LiveChatHarness Waiting(string mode) => new(o =>
    {
        if (mode == "manual")
        {
            o.Routing.Strategy = RoutingStrategy.Manual;
        }
        else
        {
            o.Routing.Mode = RoutingMode.Alert;
        }
    });

    private static async Task<AgentId> RegisterOfflineAsync(LiveChatHarness h, string id)
    {
        var agent = new AgentId(id);
        await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(agent, id.ToUpperInvariant(), 5));
        return agent;
    }
}
