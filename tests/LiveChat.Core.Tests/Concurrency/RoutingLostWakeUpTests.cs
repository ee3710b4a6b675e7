using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Tests.Concurrency;

/// <summary>
/// Lost wake-ups (fault kind): whatever makes room for a waiting conversation must be followed by routing it. A seat the
/// drain held for a conversation that stopped waiting before the commit is the deterministic interleaving behind the rare
/// failures of <see cref="RoutingStressTests"/> under CPU load; an agent found back by the requeue check is the same kind.
/// </summary>
public sealed class RoutingLostWakeUpTests
{
    private static readonly WorkspaceId Ws = new("wake-up");

    [Theory]
    [InlineData(RoutingMode.Assign)]
    [InlineData(RoutingMode.Offer)]
    public async Task Drain_DecidedConversationEndsBeforeItsCommit_RoutesTheNextWaitingToTheFreedSeat(RoutingMode mode)
    {
        await using var provider = Engine(new FakeTimeProvider(), mode, Timeout.InfiniteTimeSpan, hookReads: true);
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var store = provider.GetRequiredService<IConversationStore>();
        var agent = await SoloAgentAsync(chat);
        var busy = await RequestAsync(chat);
        var first = await RequestAsync(chat);
        var second = await RequestAsync(chat);
        if ((await chat.Conversations.GetAsync(Ws, busy)).Routing?.Offer is { } offer)
        {
            await chat.Conversations.AcceptOfferAsync(Ws, busy, agent, offer.Token);
        }

        (await chat.Conversations.GetAsync(Ws, busy)).AssignedAgentId.Should().Be(agent, "the only seat goes to the first request");

        // A message makes the backlog's snapshot of `first` stale, so the drain reads it before its commit.
        await chat.Conversations.PostBotMessageAsync(Ws, first, "Still there?");
        await Settle.AllAsync(provider);

        // The seat frees, the drain decides `first` for it, and before its commit reads `first` the visitor leaves.
        ReadHookStore.BeforeNextRead(store, first, () => chat.Conversations.EndAsync(Ws, first).AsTask().GetAwaiter().GetResult());
        await chat.Conversations.EndAsync(Ws, busy);
        await Settle.AllAsync(provider);

        (await chat.Conversations.GetAsync(Ws, first)).State.Should().Be(ConversationState.Ended);
        var next = await chat.Conversations.GetAsync(Ws, second);
        (next.State == ConversationState.Assigned ? next.AssignedAgentId : next.Routing?.Offer?.AgentId)
            .Should().Be(agent, "the seat held for the conversation that left is free again, and the next one is waiting for it");
    }

    [Theory]
    [InlineData(RoutingMode.Assign)]
    [InlineData(RoutingMode.Offer)]
    public async Task RequeueCheck_AgentSeenBackByAnotherNode_RoutesWhatWaits(RoutingMode mode)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var provider = Engine(clock, mode, TimeSpan.FromSeconds(60), hookReads: false);
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var agent = await SoloAgentAsync(chat);
        clock.Advance(TimeSpan.FromSeconds(61));
        await Settle.AllAsync(provider);
        var waiting = await RequestAsync(chat);
        (await chat.Conversations.GetAsync(Ws, waiting)).Routing!.Offer.Should().BeNull("the agent's heartbeat lapsed");

        // Another node records the agent's heartbeat: only this node's requeue check, when its grace runs out, reads it.
        await provider.GetRequiredService<InMemoryLiveChatStore>().RecordHeartbeatAsync(Ws, agent, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(20));
        await Settle.AllAsync(provider);

        var routed = await chat.Conversations.GetAsync(Ws, waiting);
        (routed.State == ConversationState.Assigned ? routed.AssignedAgentId : routed.Routing?.Offer?.AgentId)
            .Should().Be(agent, "the store says the agent is back, online and free");
    }

    /// <summary>The engine on <paramref name="clock"/>, requeue grace 20 s; with <paramref name="hookReads"/>, on a <see cref="ReadHookStore"/>.</summary>
    private static ServiceProvider Engine(FakeTimeProvider clock, RoutingMode mode, TimeSpan presence, bool hookReads)
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddLiveChat(o =>
        {
            o.Routing.Mode = mode;
            o.Routing.PresenceTimeout = presence;
            o.Routing.RequeueAfter = TimeSpan.FromSeconds(20);
        });
        if (hookReads)
        {
            services.Replace(ServiceDescriptor.Singleton(sp => ReadHookStore.Wrap(sp.GetRequiredService<InMemoryLiveChatStore>())));
        }

        return services.BuildServiceProvider();
    }

    /// <summary>The only agent, online with one seat.</summary>
    private static async Task<AgentId> SoloAgentAsync(LiveChatEngine chat)
    {
        var agent = new AgentId("solo");
        await chat.Agents.RegisterAsync(Ws, new AgentRegistration(agent, "Solo", 1));
        await chat.Agents.SetStatusAsync(Ws, agent, AgentStatus.Online);
        return agent;
    }

    private static async Task<ConversationId> RequestAsync(LiveChatEngine chat)
    {
        var started = await chat.Conversations.StartAsync(Ws);
        await chat.Conversations.RequestAgentAsync(Ws, started.Conversation.Id);
        return started.Conversation.Id;
    }
}
