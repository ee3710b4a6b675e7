using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>R6: an offline or silent agent's conversations are requeued after a grace period, or kept, by policy; the backlog drains on every event.</summary>
public sealed class R6_RequeueTests
{
    [Fact]
    public async Task AnAgentWhoGoesOffline_HasTheirConversationsRequeued_AfterTheGracePeriod_OldestFirst()
    {
        await using var h = new LiveChatHarness(o => o.Routing.RequeueAfter = TimeSpan.FromMinutes(2));
        var alice = await h.OnlineAgentAsync("alice");
        var first = await h.RequestAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await h.RequestAsync();
        await h.Chat.Agents.SetStatusAsync(h.Workspace, alice, AgentStatus.Offline);
        var bob = await h.OnlineAgentAsync("bob", capacity: 1);

        await h.AdvanceAsync(TimeSpan.FromSeconds(119));
        (await h.Chat.Conversations.GetAsync(h.Workspace, first.Conversation.Id)).AssignedAgentId.Should().Be(alice, "the grace period is not over");
        await h.Chat.Agents.HeartbeatAsync(h.Workspace, bob);
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        var a = await h.Chat.Conversations.GetAsync(h.Workspace, first.Conversation.Id);
        var b = await h.Chat.Conversations.GetAsync(h.Workspace, second.Conversation.Id);
        a.AssignedAgentId.Should().Be(bob, "the oldest request goes first");
        b.State.Should().Be(ConversationState.Unassigned, "bob is full and alice is away: it waits in the queue");
        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).OpenConversations.Should().Be(0);
        (await h.Chat.Conversations.GetMessagesAsync(h.Workspace, b.Id)).Should().Contain(m => m.SystemEvent == SystemEvent.Requeued);

        await h.Chat.Conversations.EndAsync(h.Workspace, a.Id, bob);

        (await h.Chat.Conversations.GetAsync(h.Workspace, b.Id)).AssignedAgentId.Should().Be(bob, "a freed seat takes the queue at once");
    }

    [Fact]
    public async Task AnAgentBackWithinTheGracePeriod_KeepsTheirConversations()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        await h.OnlineAgentAsync("bob");
        var mine = await h.RequestAsync();
        await h.Chat.Agents.SetStatusAsync(h.Workspace, alice, AgentStatus.Offline);
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        await h.Chat.Agents.SetStatusAsync(h.Workspace, alice, AgentStatus.Online);

        await h.AdvanceAsync(TimeSpan.FromMinutes(5));

        (await h.Chat.Conversations.GetAsync(h.Workspace, mine.Conversation.Id)).AssignedAgentId.Should().Be(alice);
    }

    [Fact]
    public async Task ALapsedHeartbeat_RequeuesToo()
    {
        await using var h = new LiveChatHarness(o => o.Routing.RequeueAfter = TimeSpan.Zero);
        var alice = await h.OnlineAgentAsync("alice");
        var mine = await h.RequestAsync();
        var bob = await h.OnlineAgentAsync("bob");
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        await h.Chat.Agents.HeartbeatAsync(h.Workspace, bob);

        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        (await h.Chat.Conversations.GetAsync(h.Workspace, mine.Conversation.Id)).AssignedAgentId.Should().Be(bob);
        (await h.Chat.Inbox.ListAsync(h.Workspace, alice, InboxFolder.Mine)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task WithTheKeepPolicy_ConversationsStayWithTheOfflineAgent()
    {
        await using var h = new LiveChatHarness(o => o.Routing.RequeuePolicy = RequeuePolicy.Keep);
        var alice = await h.OnlineAgentAsync("alice");
        var mine = await h.RequestAsync();
        await h.OnlineAgentAsync("bob");
        await h.Chat.Agents.SetStatusAsync(h.Workspace, alice, AgentStatus.Offline);

        await h.AdvanceAsync(TimeSpan.FromHours(1));

        (await h.Chat.Conversations.GetAsync(h.Workspace, mine.Conversation.Id)).AssignedAgentId.Should().Be(alice);
    }

    [Fact]
    public async Task AnAgentComingOnline_TakesTheBacklogAtOnce_OldestFirst_UpToCapacity()
    {
        await using var h = new LiveChatHarness();
        var requests = new List<ConversationId>();
        for (var i = 0; i < 5; i++)
        {
            requests.Add((await h.RequestAsync()).Conversation.Id);
            h.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var alice = await h.OnlineAgentAsync("alice", capacity: 3);

        var owners = new List<AgentId?>();
        foreach (var id in requests)
        {
            owners.Add((await h.Chat.Conversations.GetAsync(h.Workspace, id)).AssignedAgentId);
        }

        owners.Should().Equal(alice, alice, alice, null, null);
    }
}
