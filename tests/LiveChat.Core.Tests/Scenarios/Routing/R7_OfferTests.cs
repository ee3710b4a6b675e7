using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>R7: an offer is leased to one agent; unaccepted, it moves to the next; a late accept is refused by its fencing token.</summary>
public sealed class R7_OfferTests
{
    private static LiveChatHarness Harness() => new(o =>
    {
        o.Routing.Mode = RoutingMode.Offer;
        o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);
        o.Routing.PresenceTimeout = Timeout.InfiniteTimeSpan;
    });

    [Fact]
    public async Task AnOffer_IsAcceptedWithItsToken_AndTheConversationIsAssigned()
    {
        await using var h = Harness();
        await using var events = h.Chat.Events.Subscribe(h.Workspace);
        var alice = await h.OnlineAgentAsync("alice");

        var handoff = await h.RequestAsync();

        handoff.Outcome.Should().Be(HandoffOutcome.Offered);
        var offer = handoff.Conversation.Routing!.Offer!;
        offer.AgentId.Should().Be(alice);
        offer.ExpiresAt.Should().Be(h.Clock.GetUtcNow() + TimeSpan.FromSeconds(30));
        (await h.NotificationsAsync(events)).Should().ContainSingle(n => n.Kind == AgentNotificationKind.Offered).Which.Offer.Should().Be(offer);
        (await h.Chat.Agents.IsAvailableAsync(h.Workspace)).Should().BeTrue("the offer holds one of alice's five seats");

        var accepted = await h.Chat.Conversations.AcceptOfferAsync(h.Workspace, handoff.Conversation.Id, alice, offer.Token);

        accepted.State.Should().Be(ConversationState.Assigned);
        accepted.AssignedAgentId.Should().Be(alice);
        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).OpenConversations.Should().Be(1);
        (await h.Chat.Conversations.AcceptOfferAsync(h.Workspace, handoff.Conversation.Id, alice, offer.Token)).Should().Be(accepted, "a retried accept is idempotent");
    }

    [Fact]
    public async Task AnExpiredOffer_MovesToTheNextAgent_AndTheLateAcceptIsRefused()
    {
        await using var h = Harness();
        await using var events = h.Chat.Events.Subscribe(h.Workspace);
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var handoff = await h.RequestAsync();
        var first = handoff.Conversation.Routing!.Offer!;
        first.AgentId.Should().Be(alice);

        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        var conversation = await h.Chat.Conversations.GetAsync(h.Workspace, handoff.Conversation.Id);
        var second = conversation.Routing!.Offer!;
        second.AgentId.Should().Be(bob);
        second.Token.Should().BeGreaterThan(first.Token);
        var notifications = (await h.NotificationsAsync(events));
        notifications.Should().Contain(n => n.Kind == AgentNotificationKind.OfferWithdrawn && n.AgentId == alice);
        notifications.Should().Contain(n => n.Kind == AgentNotificationKind.Offered && n.AgentId == bob);

        await FluentActions.Awaiting(() => h.Chat.Conversations.AcceptOfferAsync(h.Workspace, conversation.Id, alice, first.Token).AsTask())
            .Should().ThrowAsync<OfferExpiredException>();
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).Should().Be(conversation);
        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).OpenConversations.Should().Be(0);
    }

    [Fact]
    public async Task AnAcceptAtTheExpiryInstant_IsRefused_EvenBeforeTheTimerMovesTheOffer()
    {
        await using var h = Harness();
        var alice = await h.OnlineAgentAsync("alice");
        var offer = (await h.RequestAsync()).Conversation.Routing!.Offer!;
        var id = (await h.Chat.Inbox.ListAsync(h.Workspace, alice, LiveChat.Core.Storage.InboxFolder.Unassigned)).Items.Single().Id;

        h.Clock.SetUtcNow(offer.ExpiresAt);

        await FluentActions.Awaiting(() => h.Chat.Conversations.AcceptOfferAsync(h.Workspace, id, alice, offer.Token).AsTask())
            .Should().ThrowAsync<OfferExpiredException>();
    }

    [Fact]
    public async Task AForeignOrUnknownOffer_IsRefused()
    {
        await using var h = Harness();
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob", capacity: 1);
        var handoff = await h.RequestAsync();
        var offer = handoff.Conversation.Routing!.Offer!;

        await FluentActions.Awaiting(() => h.Chat.Conversations.AcceptOfferAsync(h.Workspace, handoff.Conversation.Id, bob, offer.Token).AsTask())
            .Should().ThrowAsync<OfferNotFoundException>();
        await FluentActions.Awaiting(() => h.Chat.Conversations.AcceptOfferAsync(h.Workspace, handoff.Conversation.Id, alice, offer.Token + 1).AsTask())
            .Should().ThrowAsync<OfferNotFoundException>();
        (await h.Chat.Conversations.GetAsync(h.Workspace, handoff.Conversation.Id)).Should().Be(handoff.Conversation);
    }

    [Fact]
    public async Task ADeclinedOffer_MovesOnAtOnce()
    {
        await using var h = Harness();
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var handoff = await h.RequestAsync();

        await h.Chat.Conversations.DeclineOfferAsync(h.Workspace, handoff.Conversation.Id, alice, handoff.Conversation.Routing!.Offer!.Token);

        (await h.Chat.Conversations.GetAsync(h.Workspace, handoff.Conversation.Id)).Routing!.Offer!.AgentId.Should().Be(bob);
    }

    [Fact]
    public async Task OffersHoldSeats_SoAnAgentIsNeverOfferedMoreThanTheirCapacity()
    {
        await using var h = Harness();
        var alice = await h.OnlineAgentAsync("alice", capacity: 2);

        var outcomes = new List<HandoffOutcome>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add((await h.RequestAsync()).Outcome);
        }

        outcomes.Should().Equal(HandoffOutcome.Offered, HandoffOutcome.Offered, HandoffOutcome.Offline);
        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).OpenConversations.Should().Be(0, "offers hold seats in the router, not in the store");
    }
}
