using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>R5: a pending request alerts every eligible agent until one accepts; the first accept wins, never two.</summary>
public sealed class R5_AlertTests
{
    [Fact]
    public async Task ARequest_AlertsEveryEligibleAgent_AndStaysPending()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Mode = RoutingMode.Alert);
        await using var events = h.Chat.Events.Subscribe(h.Workspace);
        var sales = await h.TeamAsync("sales");
        var alice = await h.OnlineAgentAsync("alice", 5, null, "sales");
        var bob = await h.OnlineAgentAsync("bob", 5, null, "sales");
        var away = await h.OnlineAgentAsync("carol", 5, null, "sales");
        await h.Chat.Agents.SetStatusAsync(h.Workspace, away, AgentStatus.Away);
        await h.OnlineAgentAsync("dave");

        var handoff = await h.RequestAsync(RoutingTarget.ToTeam(sales));

        handoff.Outcome.Should().Be(HandoffOutcome.Queued);
        var alerts = (await h.NotificationsAsync(events)).Where(n => n.Kind == AgentNotificationKind.NewRequest).ToList();
        alerts.Select(n => n.AgentId).Should().BeEquivalentTo([alice, bob]);
        alerts.Should().OnlyContain(n => n.ConversationId == handoff.Conversation.Id);
    }

    [Fact]
    public async Task TheFirstAcceptWins_TheSecondGetsASpecificException_AndTheAlertIsClearedForOthers()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Mode = RoutingMode.Alert);
        await using var events = h.Chat.Events.Subscribe(h.Workspace);
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var handoff = await h.RequestAsync();
        var id = handoff.Conversation.Id;

        var claims = await Task.WhenAll(
            Attempt(() => h.Chat.Conversations.ClaimAsync(h.Workspace, id, alice).AsTask()),
            Attempt(() => h.Chat.Conversations.ClaimAsync(h.Workspace, id, bob).AsTask()));

        claims.Count(c => c is null).Should().Be(1);
        claims.Single(c => c is not null).Should().BeOfType<ConversationAlreadyClaimedException>();
        var owner = (await h.Chat.Conversations.GetAsync(h.Workspace, id)).AssignedAgentId!.Value;
        var loser = owner == alice ? bob : alice;
        var notifications = (await h.NotificationsAsync(events));
        notifications.Should().ContainSingle(n => n.Kind == AgentNotificationKind.RequestTaken).Which.AgentId.Should().Be(loser);
        notifications.Should().ContainSingle(n => n.Kind == AgentNotificationKind.Assigned).Which.AgentId.Should().Be(owner);
        (await h.Chat.Agents.GetAsync(h.Workspace, owner)).OpenConversations.Should().Be(1);
        (await h.Chat.Agents.GetAsync(h.Workspace, loser)).OpenConversations.Should().Be(0);
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
