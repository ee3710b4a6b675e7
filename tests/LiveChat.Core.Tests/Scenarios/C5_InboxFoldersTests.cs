using LiveChat.Core.Routing;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>C5: inbox folders Unassigned, Mine and Ended (visible to every agent), paged and ordered.</summary>
public sealed class C5_InboxFoldersTests
{
    [Fact]
    public async Task Folders_HoldTheRightConversations_InTheirOrder()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var ids = new List<Conversations.ConversationId>();
        for (var i = 0; i < 6; i++)
        {
            var (c, _) = await h.StartAsync();
            await h.Chat.Conversations.RequestAgentAsync(h.Workspace, c.Id);
            ids.Add(c.Id);
        }

        await h.Chat.Conversations.ClaimAsync(h.Workspace, ids[0], alice);
        await h.Chat.Conversations.ClaimAsync(h.Workspace, ids[1], bob);
        await h.Chat.Conversations.ClaimAsync(h.Workspace, ids[2], alice);
        await h.Chat.Conversations.EndAsync(h.Workspace, ids[2], alice);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Chat.Conversations.EndAsync(h.Workspace, ids[3]);

        var unassigned = await h.Chat.Inbox.ListAsync(h.Workspace, alice, InboxFolder.Unassigned);
        var aliceMine = await h.Chat.Inbox.ListAsync(h.Workspace, alice, InboxFolder.Mine);
        var bobMine = await h.Chat.Inbox.ListAsync(h.Workspace, bob, InboxFolder.Mine);
        var endedForBob = await h.Chat.Inbox.ListAsync(h.Workspace, bob, InboxFolder.Ended);

        unassigned.Items.Select(c => c.Number).Should().Equal(5, 6);
        aliceMine.Items.Select(c => c.Number).Should().Equal(1);
        bobMine.Items.Select(c => c.Number).Should().Equal(2);
        endedForBob.Items.Select(c => c.Number).Should().Equal([4, 3], "most recently ended first, visible to every agent");
    }

    [Fact]
    public async Task Unassigned_PagesWithContinuationTokens_WithoutSkippingOrRepeating()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var alice = await h.OnlineAgentAsync("alice");
        for (var i = 0; i < 7; i++)
        {
            var (c, _) = await h.StartAsync();
            await h.Chat.Conversations.RequestAgentAsync(h.Workspace, c.Id);
        }

        var seen = new List<long>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await h.Chat.Inbox.ListAsync(h.Workspace, alice, InboxFolder.Unassigned, pageSize: 3, continuationToken: token);
            seen.AddRange(page.Items.Select(c => c.Number));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        seen.Should().Equal(1, 2, 3, 4, 5, 6, 7);
        pages.Should().Be(3);
    }

    [Fact]
    public async Task Ended_PagesMostRecentFirst()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        for (var i = 0; i < 5; i++)
        {
            var (c, _) = await h.StartAsync();
            h.Clock.Advance(TimeSpan.FromSeconds(1));
            await h.Chat.Conversations.EndAsync(h.Workspace, c.Id);
        }

        var first = await h.Chat.Inbox.ListAsync(h.Workspace, alice, InboxFolder.Ended, pageSize: 2);
        var second = await h.Chat.Inbox.ListAsync(h.Workspace, alice, InboxFolder.Ended, pageSize: 2, continuationToken: first.ContinuationToken);
        var third = await h.Chat.Inbox.ListAsync(h.Workspace, alice, InboxFolder.Ended, pageSize: 2, continuationToken: second.ContinuationToken);

        first.Items.Select(c => c.Number).Concat(second.Items.Select(c => c.Number)).Concat(third.Items.Select(c => c.Number))
            .Should().Equal(5, 4, 3, 2, 1);
        third.ContinuationToken.Should().BeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task List_WithAPageSizeOutOfRange_IsRefused(int pageSize)
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");

        await FluentActions.Awaiting(() => h.Chat.Inbox.ListAsync(h.Workspace, alice, InboxFolder.Mine, pageSize).AsTask())
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task List_WithAForgedToken_OrByAnUnknownAgent_IsRefused()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");

        await FluentActions.Awaiting(() => h.Chat.Inbox.ListAsync(h.Workspace, alice, InboxFolder.Mine, 10, "not-a-token").AsTask())
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => h.Chat.Inbox.ListAsync(h.Workspace, new Agents.AgentId("mallory"), InboxFolder.Ended).AsTask())
            .Should().ThrowAsync<AgentNotFoundException>();
    }
}
