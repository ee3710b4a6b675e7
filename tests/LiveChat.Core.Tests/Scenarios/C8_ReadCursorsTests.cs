using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

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
    [Fact]
    public async Task UnreadCounts_OfAnInboxPage_InOneCall_AgreeWithTheOneByOneCounts()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (first, firstToken) = await h.AssignedToAsync(alice);
        var (second, secondToken) = await h.AssignedToAsync(alice);
        await h.Chat.Visitors.PostAsync(h.Workspace, first.Id, firstToken, "Hi");
        await h.Chat.Visitors.PostAsync(h.Workspace, second.Id, secondToken, "Hello");
        await h.Chat.Visitors.PostAsync(h.Workspace, second.Id, secondToken, "Anyone?");
        await h.Chat.Conversations.MarkReadAsync(h.Workspace, first.Id, alice, 2);
        var page = await h.Chat.Inbox.ListAsync(h.Workspace, alice, InboxFolder.Mine);

        var counts = await h.Chat.Inbox.GetUnreadCountsAsync(h.Workspace, alice, page.Items.Select(c => c.Id));

        counts.Should().HaveCount(2);
        foreach (var c in page.Items)
        {
            counts[c.Id].Should().Be(await h.Chat.Conversations.GetUnreadCountAsync(h.Workspace, c.Id, alice));
        }

        counts[first.Id].Should().Be(0);
        counts[second.Id].Should().Be(3, "the system message and two visitor messages");
    }

    [Fact]
    public async Task UnreadCounts_InOneCall_BadInput_IsRefusedBeforeAnyRead_AndOtherWorkspacesAreLeftOut()
    {
        await using var h = new LiveChatHarness(o => o.MaxPageSize = 3);
        var alice = await h.OnlineAgentAsync("alice");
        var (mine, _) = await h.AssignedToAsync(alice);
        var other = new WorkspaceId("other");
        var (theirs, _) = await h.StartAsync(workspace: other);
        var inbox = h.Chat.Inbox;

        await FluentActions.Awaiting(() => inbox.GetUnreadCountsAsync(h.Workspace, alice, null!).AsTask()).Should().ThrowAsync<ArgumentNullException>();
        await FluentActions.Awaiting(() => inbox.GetUnreadCountsAsync(h.Workspace, alice, [mine.Id, default]).AsTask()).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => inbox.GetUnreadCountsAsync(h.Workspace, alice, Enumerable.Range(0, 4).Select(_ => new ConversationId(Guid.CreateVersion7()))).AsTask())
            .Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("*MaxPageSize*");
        await FluentActions.Awaiting(() => inbox.GetUnreadCountsAsync(h.Workspace, new AgentId("nobody"), [mine.Id]).AsTask()).Should().ThrowAsync<AgentNotFoundException>();

        var counts = await inbox.GetUnreadCountsAsync(h.Workspace, alice, [mine.Id, mine.Id, mine.Id, mine.Id, theirs.Id]);

        counts.Keys.Should().Equal([mine.Id], "duplicates count once; another workspace's conversation is left out, not revealed");
    }
}
