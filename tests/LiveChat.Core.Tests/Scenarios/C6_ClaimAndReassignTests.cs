using LiveChat.Core.Routing;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>C6: claim from Unassigned; assign or reassign to another online agent; it leaves the old agent's folder.</summary>
public sealed class C6_ClaimAndReassignTests
{
    [Fact]
    public async Task Claim_TakesTheConversation_AndASecondClaimIsRefused()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var (conversation, _) = await h.StartAsync();
        await h.Chat.Conversations.RequestAgentAsync(h.Workspace, conversation.Id);

        var claimed = await h.Chat.Conversations.ClaimAsync(h.Workspace, conversation.Id, alice);

        claimed.AssignedAgentId.Should().Be(alice);
        var refused = await FluentActions.Awaiting(() => h.Chat.Conversations.ClaimAsync(h.Workspace, conversation.Id, bob).AsTask())
            .Should().ThrowAsync<ConversationAlreadyClaimedException>();
        refused.Which.Owner.Should().Be(alice);
        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).OpenConversations.Should().Be(1);
        (await h.Chat.Agents.GetAsync(h.Workspace, bob)).OpenConversations.Should().Be(0);
    }

    [Fact]
    public async Task Claim_AgainByTheOwner_ChangesNothing()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.AssignedToAsync(alice);

        var again = await h.Chat.Conversations.ClaimAsync(h.Workspace, conversation.Id, alice);

        again.Version.Should().Be(2);
        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).OpenConversations.Should().Be(1);
    }

    [Fact]
    public async Task Reassign_MovesTheConversationBetweenFolders_AndMovesCapacity()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var (conversation, _) = await h.AssignedToAsync(alice);

        await h.Chat.Conversations.AssignAsync(h.Workspace, conversation.Id, bob);

        (await h.Chat.Inbox.ListAsync(h.Workspace, alice, InboxFolder.Mine)).Items.Should().BeEmpty();
        (await h.Chat.Inbox.ListAsync(h.Workspace, bob, InboxFolder.Mine)).Items.Should().ContainSingle().Which.Id.Should().Be(conversation.Id);
        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).OpenConversations.Should().Be(0);
        (await h.Chat.Agents.GetAsync(h.Workspace, bob)).OpenConversations.Should().Be(1);
        await FluentActions.Awaiting(() => h.Chat.Conversations.PostAgentMessageAsync(h.Workspace, conversation.Id, alice, "still mine?").AsTask())
            .Should().ThrowAsync<NotAssignedAgentException>();
    }

    [Theory]
    [InlineData(AgentStatus.Offline)]
    [InlineData(AgentStatus.Away)]
    public async Task Reassign_ToAnAgentWhoIsNotOnline_IsRefused_AndNothingChanges(AgentStatus status)
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var carol = await h.OnlineAgentAsync("carol");
        await h.Chat.Agents.SetStatusAsync(h.Workspace, carol, status);
        var (conversation, _) = await h.AssignedToAsync(alice);

        var refused = await FluentActions.Awaiting(() => h.Chat.Conversations.AssignAsync(h.Workspace, conversation.Id, carol).AsTask())
            .Should().ThrowAsync<AgentNotAvailableException>();

        refused.Which.Status.Should().Be(status);
        var after = await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id);
        after.AssignedAgentId.Should().Be(alice);
        after.Version.Should().Be(2);
        after.LastSequence.Should().Be(1, "no system message was written for the refused reassignment");
    }

    [Fact]
    public async Task Assign_ToAnAgentAtCapacity_IsRefused()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice", capacity: 1);
        await h.AssignedToAsync(alice);
        var (second, _) = await h.StartAsync();

        await FluentActions.Awaiting(() => h.Chat.Conversations.AssignAsync(h.Workspace, second.Id, alice).AsTask())
            .Should().ThrowAsync<AgentCapacityExceededException>().Where(e => e.MaxConcurrentConversations == 1);
    }

    [Fact]
    public async Task Routing_GivesTheRequestToTheOnlineAgentWithRoom()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice", capacity: 1);
        var bob = await h.OnlineAgentAsync("bob", capacity: 1);
        await h.AssignedToAsync(alice);
        var (conversation, _) = await h.StartAsync();

        var handoff = await h.Chat.Conversations.RequestAgentAsync(h.Workspace, conversation.Id);

        handoff.Outcome.Should().Be(HandoffOutcome.Assigned);
        handoff.Conversation.AssignedAgentId.Should().Be(bob);
    }
}
