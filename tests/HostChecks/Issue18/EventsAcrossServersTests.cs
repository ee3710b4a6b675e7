// Events of a change reach the transport (ILiveChatEventSource) of the other servers; engine.Events stays per server.
using System.Collections.Concurrent;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Issue18.Checks;

public sealed class EventsAcrossServersTests
{
    private sealed class Collector : IAsyncDisposable
    {
        private readonly EventSubscription _subscription;
        private readonly Task _loop;
        public ConcurrentQueue<LiveChatEvent> Events { get; } = new();

        public Collector(EventSubscription subscription)
        {
            _subscription = subscription;
            _loop = Task.Run(async () =>
            {
                try
                {
                    await foreach (var e in subscription.Reader.ReadAllAsync()) Events.Enqueue(e);
                }
                catch { /* disposed */ }
            });
        }

        public async ValueTask DisposeAsync()
        {
            await _subscription.DisposeAsync();
            // A disposed subscription completes its reader: the loop ends, or the check fails here (TimeoutException).
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    [ClusterFact]
    public async Task AMessagePostedOnA_ReachesTheTransportOfBAndC_InOrder_Once()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace();
        await using var onB = new Collector(cluster.B.Host.Services.GetRequiredService<ILiveChatEventSource>().Subscribe(ws));
        await using var onC = new Collector(cluster.C.Host.Services.GetRequiredService<ILiveChatEventSource>().Subscribe(ws));
        await using var engineEventsOnB = new Collector(cluster.B.Chat.Events.Subscribe(ws));

        var alice = new AgentId("alice");
        await cluster.C.Chat.Agents.RegisterAsync(ws, new AgentRegistration(alice, "Alice", 3));
        await cluster.C.Chat.Agents.SetStatusAsync(ws, alice, AgentStatus.Online);
        await cluster.C.Chat.Agents.HeartbeatAsync(ws, alice);
        var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
        for (var i = 0; i < 20; i++) await cluster.A.Chat.Visitors.PostAsync(ws, c.Id, t, $"visitor {i}", clientMessageId: $"v{i}");
        await cluster.A.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);

        foreach (var (name, collector) in new[] { ("B", onB), ("C", onC) })
        {
            await Wait.UntilAsync(() => collector.Events.OfType<MessagePosted>().Count(m => m.ConversationId == c.Id && m.Message.ClientMessageId?.StartsWith("v") == true) >= 20,
                TimeSpan.FromSeconds(20), $"server {name}'s transport gets A's 20 messages");
            await Wait.UntilAsync(() => collector.Events.OfType<ConversationStateChanged>().Any(e => e.ConversationId == c.Id && e.Conversation.State == ConversationState.Assigned),
                TimeSpan.FromSeconds(20), $"server {name}'s transport gets the assignment");
            var posted = collector.Events.OfType<MessagePosted>().Where(m => m.ConversationId == c.Id).Select(m => m.Message.Sequence).ToList();
            posted.Should().OnlyHaveUniqueItems($"server {name} gets each message once").And.BeInAscendingOrder($"server {name} gets them in commit order");
            collector.Events.OfType<ConversationStarted>().Count(e => e.ConversationId == c.Id).Should().Be(1);
        }

        // The engine's own Events on B carry B's commits only: none of A's messages (a host webhook there fires once).
        engineEventsOnB.Events.OfType<MessagePosted>().Should().NotContain(m => m.ConversationId == c.Id && m.Message.ClientMessageId != null);
        // And, in the whole cluster, each visitor message was committed (published) exactly once.
        cluster.AllEvents.OfType<MessagePosted>().Where(m => m.ConversationId == c.Id && m.Message.ClientMessageId != null)
            .Should().HaveCount(20);
    }

    [ClusterFact]
    public async Task TheOfferToken_ReachesOnlyTheAddressedAgent_AndAnOfferMadeOnOneServerCanBeAcceptedThroughAnother()
    {
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Options = o =>
            {
                o.Routing.Mode = LiveChat.Core.Routing.RoutingMode.Offer;
                o.Routing.OfferTimeout = TimeSpan.FromMinutes(5);
            },
        });
        var ws = Ids.Workspace();
        await using var onB = new Collector(cluster.B.Host.Services.GetRequiredService<ILiveChatEventSource>().Subscribe(ws));
        var alice = new AgentId("alice");
        await cluster.B.Chat.Agents.RegisterAsync(ws, new AgentRegistration(alice, "Alice", 3));
        await cluster.B.Chat.Agents.SetStatusAsync(ws, alice, AgentStatus.Online);
        await cluster.B.Chat.Agents.HeartbeatAsync(ws, alice);
        var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
        await cluster.A.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);

        await Wait.UntilAsync(() => onB.Events.OfType<AgentNotification>().Any(n => n.ConversationId == c.Id && n.Kind == AgentNotificationKind.Offered),
            TimeSpan.FromSeconds(20), "B's transport gets Alice's Offered notification");
        var offered = onB.Events.OfType<AgentNotification>().First(n => n.ConversationId == c.Id && n.Kind == AgentNotificationKind.Offered);
        offered.AgentId.Should().Be(alice);
        offered.Offer.Should().NotBeNull();
        onB.Events.OfType<AgentNotification>().Where(n => n.Kind == AgentNotificationKind.Offered).Should().OnlyContain(n => n.AgentId == alice);

        await cluster.C.Chat.Conversations.AcceptOfferAsync(ws, c.Id, alice, offered.Offer!.Token);
        (await cluster.A.Chat.Conversations.GetAsync(ws, c.Id)).AssignedAgentId.Should().Be(alice);
    }
}
