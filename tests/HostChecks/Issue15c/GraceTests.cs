using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Outside;

public class GraceTests
{
    private static readonly WorkspaceId Acme = new("acme");

    private static void Options(LiveChatOptions o)
    {
        o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60);
        o.Routing.RequeuePolicy = RequeuePolicy.Requeue;
        o.Routing.RequeueAfter = TimeSpan.FromMinutes(2);
    }

    private static async Task<ConversationId> AssignedToAlice(LiveChatEngine chat)
    {
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 3));
        await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        await chat.Agents.HeartbeatAsync(Acme, alice);
        var (c, _) = await chat.Conversations.StartAsync(Acme);
        (await chat.Conversations.RequestAgentAsync(Acme, c.Id)).Outcome.Should().Be(HandoffOutcome.Assigned);
        return c.Id;
    }

    [Fact]
    public async Task Control_SingleHost_SilentAgent_IsRequeuedAfterGrace()
    {
        var clock = Harness.NewClock();
        await using var host = Harness.Build(Harness.NewDbPath("grace-control"), clock, Options);
        var id = await AssignedToAlice(host.Chat);
        (await Harness.AdvanceUntil(clock, TimeSpan.FromSeconds(30), async () => (await host.Chat.Conversations.GetAsync(Acme, id)).State == ConversationState.Unassigned))
            .Should().BeTrue("R6: a silent agent's conversation is requeued after the grace period");
    }

    [Fact]
    public async Task Restart_AgentWentOfflineBeforeStop_GraceFiresAfterRestart_Once()
    {
        var db = Harness.NewDbPath("grace-offline");
        var clock = Harness.NewClock();
        ConversationId id;
        await using (var first = Harness.Build(db, clock, Options))
        {
            id = await AssignedToAlice(first.Chat);
            await first.Chat.Agents.SetStatusAsync(Acme, new AgentId("alice"), AgentStatus.Offline);
        }
        await using var second = Harness.Build(db, clock, Options);
        (await Harness.AdvanceUntil(clock, TimeSpan.FromSeconds(30), async () => (await second.Chat.Conversations.GetAsync(Acme, id)).State == ConversationState.Unassigned))
            .Should().BeTrue("a grace armed before the restart fires after it");
        (await second.Chat.Conversations.GetMessagesAsync(Acme, id)).Count(m => m.SystemEvent == SystemEvent.Requeued).Should().Be(1);
    }

    [Fact]
    public async Task Restart_SilentAgent_IsRequeuedAfterTheGrace_WithNoCallAfterTheStart()
    {
        var db = Harness.NewDbPath("grace-touch");
        var clock = Harness.NewClock();
        ConversationId id;
        await using (var first = Harness.Build(db, clock, Options))
            id = await AssignedToAlice(first.Chat);
        await using var second = Harness.Build(db, clock, Options);
        (await Harness.AdvanceUntil(clock, TimeSpan.FromSeconds(30), async () => (await second.Chat.Conversations.GetAsync(Acme, id)).State == ConversationState.Unassigned))
            .Should().BeTrue("without any call the requeue happens after a restart: the presence grace is recoverable from the store (issue 15)");
        (await second.Chat.Conversations.GetMessagesAsync(Acme, id)).Count(m => m.SystemEvent == SystemEvent.Requeued).Should().Be(1);
    }

    [Fact]
    public async Task Restart_OfferExpiry_FiresWithoutAnyCallAfterStart()
    {
        var db = Harness.NewDbPath("offer-untouched");
        var clock = Harness.NewClock();
        void Offer(LiveChatOptions o)
        {
            o.Routing.Mode = RoutingMode.Offer;
            o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);
            o.Routing.PresenceTimeout = TimeSpan.FromHours(1);
        }
        ConversationId id;
        long token;
        await using (var first = Harness.Build(db, clock, Offer))
        {
            var alice = new AgentId("alice");
            await first.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 3));
            await first.Chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
            var (c, _) = await first.Chat.Conversations.StartAsync(Acme);
            id = c.Id;
            var h = await first.Chat.Conversations.RequestAgentAsync(Acme, id);
            h.Outcome.Should().Be(HandoffOutcome.Offered);
            token = h.Conversation.Routing!.Offer!.Token;
        }
        await using var second = Harness.Build(db, clock, Offer);
        (await Harness.AdvanceUntil(clock, TimeSpan.FromSeconds(15), async () => (await second.Chat.Conversations.GetAsync(Acme, id)).Routing?.Offer?.Token != token))
            .Should().BeTrue("a process that starts re-arms its timers from the store (IDueWorkStore docs)");
    }
}
