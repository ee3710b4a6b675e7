namespace LiveChat.Core.Tests.Scenarios;

/// <summary>C8: read cursors per participant, and unread counts.</summary>
public sealed class C8_ReadCursorsTests
{
    [Fact]
    public async Task UnreadCounts_ArePerParticipant_AndIgnoreOnesOwnMessages()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, token) = await h.AssignedToAsync(alice); // 1: system "joined"
        var id = conversation.Id;
        await h.Chat.Visitors.PostAsync(h.Workspace, id, token, "Hi");                 // 2
        await h.Chat.Visitors.PostAsync(h.Workspace, id, token, "Anyone?");            // 3
        await h.Chat.Conversations.PostAgentMessageAsync(h.Workspace, id, alice, "Yes"); // 4

        (await h.Chat.Conversations.GetUnreadCountAsync(h.Workspace, id, alice)).Should().Be(3);
        (await h.Chat.Visitors.GetUnreadCountAsync(h.Workspace, id, token)).Should().Be(2);

        await h.Chat.Conversations.MarkReadAsync(h.Workspace, id, alice, 3);
        await h.Chat.Visitors.MarkReadAsync(h.Workspace, id, token, 4);

        (await h.Chat.Conversations.GetUnreadCountAsync(h.Workspace, id, alice)).Should().Be(0);
        (await h.Chat.Visitors.GetUnreadCountAsync(h.Workspace, id, token)).Should().Be(0);
    }

    [Fact]
    public async Task Cursor_NeverMovesBack_AndStopsAtTheLastMessage()
    {
        await using var h = new LiveChatHarness();
        var (conversation, token) = await h.StartAsync();
        await h.Chat.Conversations.PostBotMessageAsync(h.Workspace, conversation.Id, "one");
        await h.Chat.Conversations.PostBotMessageAsync(h.Workspace, conversation.Id, "two");

        (await h.Chat.Visitors.MarkReadAsync(h.Workspace, conversation.Id, token, 99)).Should().Be(2);
        (await h.Chat.Visitors.MarkReadAsync(h.Workspace, conversation.Id, token, 1)).Should().Be(2);
        await FluentActions.Awaiting(() => h.Chat.Visitors.MarkReadAsync(h.Workspace, conversation.Id, token, -1).AsTask())
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
