using LiveChat.Core.Routing;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>C1: bot flow → unassigned → assigned → ended, plus offline; ended is terminal.</summary>
public sealed class C1_ConversationLifecycleTests
{
    [Fact]
    public async Task Conversation_WalksFromBotFlowThroughUnassignedAndAssignedToEnded()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.StartAsync();
        conversation.State.Should().Be(ConversationState.BotFlow);

        var handoff = await h.Chat.Conversations.RequestAgentAsync(h.Workspace, conversation.Id);
        handoff.Outcome.Should().Be(HandoffOutcome.Queued);
        handoff.Conversation.State.Should().Be(ConversationState.Unassigned);

        (await h.Chat.Conversations.ClaimAsync(h.Workspace, conversation.Id, alice)).State.Should().Be(ConversationState.Assigned);
        (await h.Chat.Conversations.EndAsync(h.Workspace, conversation.Id, alice)).State.Should().Be(ConversationState.Ended);
    }

    [Fact]
    public async Task RequestAgent_WithNobodyOnline_GoesOffline_AndAnAgentCanStillClaimItLater()
    {
        await using var h = new LiveChatHarness();
        var (conversation, _) = await h.StartAsync();

        var handoff = await h.Chat.Conversations.RequestAgentAsync(h.Workspace, conversation.Id);
        handoff.Outcome.Should().Be(HandoffOutcome.Offline);
        handoff.Conversation.State.Should().Be(ConversationState.Offline);

        var bob = await h.OnlineAgentAsync("bob");
        (await h.Chat.Conversations.ClaimAsync(h.Workspace, conversation.Id, bob)).State.Should().Be(ConversationState.Assigned);
    }

    [Fact]
    public async Task RequestAgent_WithEveryAgentBusy_GoesOffline()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice", capacity: 1);
        await h.AssignedToAsync(alice);
        var (conversation, _) = await h.StartAsync();

        (await h.Chat.Conversations.RequestAgentAsync(h.Workspace, conversation.Id)).Outcome.Should().Be(HandoffOutcome.Offline);
    }

    [Fact]
    public async Task EndedConversation_RefusesEveryChange_AndStaysEnded()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var (conversation, token) = await h.AssignedToAsync(alice);
        await h.Chat.Conversations.EndAsync(h.Workspace, conversation.Id, alice);
        var c = h.Chat.Conversations;
        var id = conversation.Id;

        await FluentActions.Awaiting(() => c.AssignAsync(h.Workspace, id, bob).AsTask()).Should().ThrowAsync<ConversationEndedException>();
        await FluentActions.Awaiting(() => c.ClaimAsync(h.Workspace, id, bob).AsTask()).Should().ThrowAsync<ConversationEndedException>();
        await FluentActions.Awaiting(() => c.EndAsync(h.Workspace, id).AsTask()).Should().ThrowAsync<ConversationEndedException>();
        await FluentActions.Awaiting(() => c.RequestAgentAsync(h.Workspace, id).AsTask()).Should().ThrowAsync<ConversationEndedException>();
        await FluentActions.Awaiting(() => c.PostAgentMessageAsync(h.Workspace, id, alice, "hello?").AsTask()).Should().ThrowAsync<ConversationEndedException>();
        await FluentActions.Awaiting(() => c.PostBotMessageAsync(h.Workspace, id, "hello?").AsTask()).Should().ThrowAsync<SenderNotAllowedException>();
        await FluentActions.Awaiting(() => h.Chat.Visitors.PostAsync(h.Workspace, id, token, "hello?").AsTask()).Should().ThrowAsync<ConversationEndedException>();

        var after = await c.GetAsync(h.Workspace, id);
        after.State.Should().Be(ConversationState.Ended);
        after.Version.Should().Be(conversation.Version + 2, "only the claim and the end changed it");
        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).OpenConversations.Should().Be(0);
    }

    [Fact]
    public void Lifecycle_IsConfiguredOnStateless_AndExportsItsDiagram()
    {
        ConversationLifecycle.CanFire(ConversationState.Assigned, ConversationTrigger.Assign).Should().BeTrue("reassignment re-enters Assigned");
        ConversationLifecycle.CanFire(ConversationState.Ended, ConversationTrigger.Assign).Should().BeFalse();
        ConversationLifecycle.CanFire(ConversationState.Ended, ConversationTrigger.RequestAgent).Should().BeFalse();
        foreach (var trigger in Enum.GetValues<ConversationTrigger>())
        {
            ConversationLifecycle.CanFire(ConversationState.Ended, trigger).Should().BeFalse();
        }

        FluentActions.Invoking(() => ConversationLifecycle.Next(ConversationState.Ended, ConversationTrigger.End))
            .Should().Throw<InvalidConversationTransitionException>()
            .Which.State.Should().Be(ConversationState.Ended);
        ConversationLifecycle.ToDotGraph().Should().Contain("Unassigned").And.Contain("Assigned");
        ConversationLifecycle.ToMermaidGraph().Should().Contain("stateDiagram");
    }
}
