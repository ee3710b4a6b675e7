using LiveChat.Core.Transport;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>N1: agent events through the transport port: new request, offered, assigned, reassigned, new message, ended.</summary>
public sealed class N1_AgentNotificationsTests
{
    [Fact]
    public async Task AnAgent_HearsOfEveryStepOfTheirConversation()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        await using var events = h.Chat.Events.Subscribe(h.Workspace);
        var (conversation, token) = await h.StartAsync();
        var id = conversation.Id;

        await h.Chat.Conversations.RequestAgentAsync(h.Workspace, id);
        var visitorMessage = await h.Chat.Visitors.PostAsync(h.Workspace, id, token, "hello?");
        await h.Chat.Conversations.PostAgentMessageAsync(h.Workspace, id, alice, "Hi, Alice here.");
        await h.Chat.Conversations.AssignAsync(h.Workspace, id, bob);
        await h.Chat.Conversations.EndAsync(h.Workspace, id, bob);

        var notifications = (await h.NotificationsAsync(events)).Select(n => (n.AgentId.Value, n.Kind)).ToList();
        notifications.Should().Equal(
            ("alice", AgentNotificationKind.Assigned),
            ("alice", AgentNotificationKind.NewMessage),
            ("bob", AgentNotificationKind.ReassignedToYou),
            ("alice", AgentNotificationKind.ReassignedAway),
            ("bob", AgentNotificationKind.Ended));
        _ = visitorMessage;
    }

    [Fact]
    public async Task TheNewMessageNotification_CarriesTheSequence_AndOnlyVisitorMessagesNotify()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, token) = await h.StartAsync();
        await h.Chat.Conversations.RequestAgentAsync(h.Workspace, conversation.Id);

        // The assignment's own notification is published off the caller's path (on a cluster, by the router grain's
        // silo): let it pass before subscribing, so the subscription holds only what the two posts set off.
        await h.SettleAsync();
        await using var events = h.Chat.Events.Subscribe(h.Workspace);

        await h.Chat.Conversations.PostAgentMessageAsync(h.Workspace, conversation.Id, alice, "hello");
        var message = await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "question");

        (await h.NotificationsAsync(events)).Should().ContainSingle()
            .Which.Should().Match<AgentNotification>(n => n.Kind == AgentNotificationKind.NewMessage && n.MessageSequence == message.Sequence && n.AgentId == alice);
    }
}
