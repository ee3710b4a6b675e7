using LiveChat.Core.Routing;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>N1: the alert ("blinking icon until someone answers") is cleared for every other alerted agent when one accepts.</summary>
public sealed class N1_BlinkingIconTests
{
    [Fact]
    public async Task OneAgentAccepts_TheAlertIsClearedForEveryOtherAlertedAgent()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Mode = RoutingMode.Alert);
        await using var events = h.Chat.Events.Subscribe(h.Workspace);
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var carol = await h.OnlineAgentAsync("carol");
        var dave = await h.OnlineAgentAsync("dave");
        var handoff = await h.RequestAsync();
        var alerted = (await h.NotificationsAsync(events)).Where(n => n.Kind == AgentNotificationKind.NewRequest).Select(n => n.AgentId).ToList();
        alerted.Should().BeEquivalentTo([alice, bob, carol, dave]);

        await h.Chat.Conversations.ClaimAsync(h.Workspace, handoff.Conversation.Id, carol);

        var after = (await h.NotificationsAsync(events));
        after.Where(n => n.Kind == AgentNotificationKind.RequestTaken).Select(n => n.AgentId).Should().BeEquivalentTo([alice, bob, dave]);
        after.Should().OnlyContain(n => n.ConversationId == handoff.Conversation.Id);
        after.Should().ContainSingle(n => n.Kind == AgentNotificationKind.Assigned).Which.AgentId.Should().Be(carol);
    }

    [Fact]
    public async Task TheVisitorLeavesBeforeAnyoneAccepts_TheAlertIsClearedForEveryone()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Mode = RoutingMode.Alert);
        await using var events = h.Chat.Events.Subscribe(h.Workspace);
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var handoff = await h.RequestAsync();
        await h.NotificationsAsync(events);

        await h.Chat.Conversations.EndAsync(h.Workspace, handoff.Conversation.Id);

        (await h.NotificationsAsync(events)).Where(n => n.Kind == AgentNotificationKind.RequestTaken).Select(n => n.AgentId)
            .Should().BeEquivalentTo([alice, bob]);
    }
}
