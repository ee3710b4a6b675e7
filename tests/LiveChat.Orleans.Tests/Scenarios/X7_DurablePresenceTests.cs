using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;
using LiveChat.Core.Tests.Scenarios.Playbooks;
using LiveChat.Orleans.Presence;
using LiveChat.Orleans.Tests.Postgres;
using LiveChat.Storage.PostgreSql.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// X7 with R1 and R6 (fault kind "silo death"): the presence grace survives the death of the silos holding the
/// workspace's router grain and the agent's grain. The router records each agent's next look as due work
/// (<see cref="DueWorkKind.PresenceGrace"/>), written when the agent becomes present and moved only when the grace would
/// otherwise come due, never per heartbeat; a due-work grain's reminder runs it on a survivor, whose router loads the
/// workspace and requeues the silent agent's conversations.
/// </summary>
public sealed class X7_DurablePresenceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly AgentId Alice = new("alice");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Requeue = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task PresenceGrace_SilosOfTheRouterAndAgentGrainsKilled_ASurvivorRequeuesTheConversation()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var cluster = await SiloCluster.StartAsync(
            s => Register(s, new FakeTimeProvider(Start)).Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)),
            postgres: database.ConnectionString);
        var engine = Engine(cluster.Silos[0]);
        await OnlineAsync(engine);
        var started = await engine.Conversations.StartAsync(Acme);
        await engine.Conversations.ClaimAsync(Acme, started.Conversation.Id, Alice);
        var store = cluster.Services.GetRequiredService<IDueWorkStore>();
        await Eventually.HoldsAsync(async () => await store.FindAsync(Acme, Alice.Value, DueWorkKind.PresenceGrace) is not null, "becoming present records the grace");

        var victims = await VictimsAsync(cluster);
        foreach (var victim in victims)
        {
            await cluster.KillAsync(victim);
        }

        var survivors = cluster.Handles.Except(victims).Select(h => h.SiloHost.Services).ToList();
        survivors.Should().NotBeEmpty();

        // Heartbeats stop; only the survivors' clocks move. Nothing here calls routing: the reminder's sweep must.
        await Eventually.HoldsAsync(
            async () =>
            {
                foreach (var survivor in survivors)
                {
                    Clock(survivor).Advance(TimeSpan.FromSeconds(5));
                }

                return (await Engine(survivors[0]).Conversations.GetAsync(Acme, started.Conversation.Id)).State == ConversationState.Unassigned;
            },
            "a survivor requeues the silent agent's conversation after the grace",
            TimeSpan.FromSeconds(90));
        (await Engine(survivors[0]).Conversations.GetMessagesAsync(Acme, started.Conversation.Id)).Count(m => m.SystemEvent == SystemEvent.Requeued)
            .Should().Be(1, "requeued once in effect");
    }

    [Fact]
    public async Task PresenceGrace_HeartbeatsInACluster_RecordedWhenPresentAndMovedOnlyWhenDue()
    {
        const int Beats = 12;
        var clock = new FakeTimeProvider(Start);
        var dueWork = new CountingDueWorkStore();
        await using var cluster = await SiloCluster.StartAsync(s => Register(s.AddSingleton<IDueWorkStore>(dueWork), clock));
        var engine = Engine(cluster.Silos[0]);
        await OnlineAsync(engine);
        var started = await engine.Conversations.StartAsync(Acme);
        await engine.Conversations.ClaimAsync(Acme, started.Conversation.Id, Alice);
        await IdleAsync(cluster);
        dueWork.Writes(DueWorkKind.PresenceGrace).Should().Be(1, "becoming present records the grace once");

        for (var i = 0; i < Beats; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            await IdleAsync(cluster);
            await Engine(cluster.Silos[i % 3]).Agents.HeartbeatAsync(Acme, Alice);
        }

        await IdleAsync(cluster);
        dueWork.Writes(DueWorkKind.PresenceGrace).Should().BeInRange(2, 1 + (Beats / 2), $"{Beats} heartbeats over 4 minutes move the item when the grace would come due (every 40-60 s), not per heartbeat");
        (await dueWork.FindAsync(Acme, Alice.Value, DueWorkKind.PresenceGrace))!.DueAt.Should().BeAfter(clock.GetUtcNow(), "the pending item is ahead of the clock");

        clock.Advance(Timeout + TimeSpan.FromSeconds(1));
        await IdleAsync(cluster);
        clock.Advance(Requeue);
        await IdleAsync(cluster);

        (await engine.Conversations.GetAsync(Acme, started.Conversation.Id)).State.Should().Be(ConversationState.Unassigned, "the silent agent's conversation is requeued");

        // The requeue's own change refreshes the agent, which starts her grace once more; the item follows the router's
        // timer and is removed when that grace ends with nothing left to requeue.
        clock.Advance(Requeue);
        await IdleAsync(cluster);
        (await dueWork.FindAsync(Acme, Alice.Value, DueWorkKind.PresenceGrace)).Should().BeNull("nothing is left to look at");
    }

    private static IServiceCollection Register(IServiceCollection services, FakeTimeProvider clock)
        => services.AddSingleton<TimeProvider>(clock).AddLiveChat(o =>
        {
            o.Routing.PresenceTimeout = Timeout;
            o.Routing.RequeueAfter = Requeue;
        }).Services;

    private static async Task OnlineAsync(LiveChatEngine engine)
    {
        await engine.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 5));
        await engine.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
        await engine.Agents.HeartbeatAsync(Acme, Alice);
    }

    /// <summary>The silos holding the workspace's router grain and the agent's grain (one or two).</summary>
    private static async Task<List<InProcessSiloHandle>> VictimsAsync(SiloCluster cluster)
    {
        var grains = cluster.Services.GetRequiredService<IGrainFactory>();
        var agentSilo = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IAgentGrain>(AgentGrain.KeyOf(Acme, Alice)));
        var victims = cluster.Handles.Where((h, i) => cluster.Silos[i].GetRequiredService<RoutingPartitions>().Owns(Acme) || h.SiloAddress.Equals(agentSilo)).ToList();
        victims.Should().HaveCount(c => c >= 1 && c <= 2, "the router grain and the agent grain are each active on one silo");
        return victims;
    }

    /// <summary>Waits until every silo's routing has no work running at this instant of the clock.</summary>
    private static async Task IdleAsync(SiloCluster cluster)
    {
        await cluster.SettleAsync();
        foreach (var silo in cluster.Silos)
        {
            await silo.GetRequiredService<InProcessRouting>().WhenIdleAsync();
        }
    }

    private static LiveChatEngine Engine(IServiceProvider silo) => silo.GetRequiredService<LiveChatEngine>();

    private static FakeTimeProvider Clock(IServiceProvider silo) => (FakeTimeProvider)silo.GetRequiredService<TimeProvider>();
}
