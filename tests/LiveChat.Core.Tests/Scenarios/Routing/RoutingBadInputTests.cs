using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>Bad input to routing gets a specific exception, and nothing changes.</summary>
public sealed class RoutingBadInputTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(AgentService.MaxCapacity + 1)]
    public async Task ACapacityOutOfRange_IsRefused_AndNoAgentIsRegistered(int capacity)
    {
        await using var h = new LiveChatHarness();

        await FluentActions.Awaiting(() => h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(new AgentId("alice"), "Alice", capacity)).AsTask())
            .Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("MaxConcurrentConversations");
        (await h.Chat.Agents.ListAsync(h.Workspace)).Should().BeEmpty();
    }

    [Fact]
    public async Task LoweringACapacityToZero_IsRefused_AndTheAgentKeepsTheirs()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice", capacity: 3);

        await FluentActions.Awaiting(() => h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(alice, "Alice", 0)).AsTask())
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).MaxConcurrentConversations.Should().Be(3);
    }

    [Fact]
    public async Task AReassignToAnOfflineAgent_IsRefused_AndTheConversationStaysWithItsOwner()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        await h.Chat.Agents.SetStatusAsync(h.Workspace, bob, AgentStatus.Offline);
        var mine = (await h.RequestAsync()).Conversation;
        mine.AssignedAgentId.Should().Be(alice);

        await FluentActions.Awaiting(() => h.Chat.Conversations.AssignAsync(h.Workspace, mine.Id, bob).AsTask())
            .Should().ThrowAsync<AgentNotAvailableException>().Where(e => e.AgentId == bob && e.Status == AgentStatus.Offline);

        (await h.Chat.Conversations.GetAsync(h.Workspace, mine.Id)).Should().Be(mine);
        (await h.Chat.Agents.GetAsync(h.Workspace, bob)).OpenConversations.Should().Be(0);
        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).OpenConversations.Should().Be(1);
    }

    [Fact]
    public async Task AnAcceptOfAnotherAgentsOffer_OrAnExpiredOne_IsRefused_AndNothingChanges()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Mode = RoutingMode.Offer);
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var offered = (await h.RequestAsync()).Conversation;
        var offer = offered.Routing!.Offer!;

        await FluentActions.Awaiting(() => h.Chat.Conversations.AcceptOfferAsync(h.Workspace, offered.Id, bob, offer.Token).AsTask())
            .Should().ThrowAsync<OfferNotFoundException>().Where(e => e.AgentId == bob && e.Token == offer.Token);
        (await h.Chat.Conversations.GetAsync(h.Workspace, offered.Id)).Should().Be(offered);

        await h.Chat.Agents.HeartbeatAsync(h.Workspace, alice);
        await h.Chat.Agents.HeartbeatAsync(h.Workspace, bob);
        await h.AdvanceAsync(h.Services.GetRequiredService<IOptions<LiveChatOptions>>().Value.Routing.OfferTimeout);
        var moved = await h.Chat.Conversations.GetAsync(h.Workspace, offered.Id);

        await FluentActions.Awaiting(() => h.Chat.Conversations.AcceptOfferAsync(h.Workspace, offered.Id, alice, offer.Token).AsTask())
            .Should().ThrowAsync<OfferExpiredException>();
        (await h.Chat.Conversations.GetAsync(h.Workspace, offered.Id)).Should().Be(moved);
    }

    [Fact]
    public async Task AnUnknownAgentAsTarget_IsRefused()
    {
        await using var h = new LiveChatHarness();
        var (conversation, _) = await h.StartAsync();

        await FluentActions.Awaiting(() => h.Chat.Conversations.RequestAgentAsync(h.Workspace, conversation.Id, RoutingTarget.ToAgent(new AgentId("ghost"))).AsTask())
            .Should().ThrowAsync<AgentNotFoundException>();
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).State.Should().Be(ConversationState.BotFlow);
    }

    [Fact]
    public void AMalformedTarget_IsRefused()
    {
        FluentActions.Invoking(() => new RoutingTarget(RoutingTargetKind.Team)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new RoutingTarget(RoutingTargetKind.Workspace, new TeamId("sales"))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new RoutingTarget((RoutingTargetKind)9)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new TeamId(" ")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void InvalidRoutingOptions_AreAllNamedAtStart()
    {
        var services = new ServiceCollection();
        services.AddLiveChat(o =>
        {
            o.Routing.OfferTimeout = TimeSpan.Zero;
            o.Routing.PresenceTimeout = TimeSpan.FromDays(2);
            o.Routing.RequeueAfter = TimeSpan.FromSeconds(-1);
            o.Routing.Mode = (RoutingMode)7;
            o.Routing.Strategy = null!;
        });
        using var provider = services.BuildServiceProvider();

        var failure = FluentActions.Invoking(() => provider.GetRequiredService<LiveChatEngine>()).Should().Throw<OptionsValidationException>().Which;

        failure.Failures.Should().HaveCount(5);
        failure.Message.Should().Contain("OfferTimeout").And.Contain("PresenceTimeout").And.Contain("RequeueAfter").And.Contain("Mode").And.Contain("Strategy");
    }
}
