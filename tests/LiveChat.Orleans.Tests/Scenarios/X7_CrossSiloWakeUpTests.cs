using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>X7: one router per workspace for the whole cluster, woken by events from any silo, never by polling.</summary>
public sealed class X7_CrossSiloWakeUpTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task RequestQueuedThroughSiloA_IsAssigned_WhenAnAgentComesOnlineThroughSiloB_WithoutTheClockMoving()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await SiloCluster.StartAsync(s => s.AddSingleton<TimeProvider>(clock).AddLiveChat());
        var silos = cluster.Silos;
        var alice = new AgentId("alice");

        // Registering wakes the workspace's router grain on one silo; A and B are the two others.
        await Engine(silos[0]).Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", MaxConcurrentConversations: 2));
        var owner = silos.Single(s => s.GetRequiredService<RoutingPartitions>().Owns(Acme));
        var (a, b) = (silos.First(s => s != owner), silos.Last(s => s != owner));
        a.Should().NotBeSameAs(b);

        var started = await Engine(a).Conversations.StartAsync(Acme);
        var handoff = await Engine(a).Conversations.RequestAgentAsync(Acme, started.Conversation.Id);
        handoff.Outcome.Should().Be(HandoffOutcome.Offline, "nobody is online yet, so the request waits in the router's queue");

        await Engine(b).Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);

        // No time passed and nothing polled: the status change through B reached the router, which assigned the request.
        var stored = await Engine(a).Conversations.GetAsync(Acme, started.Conversation.Id);
        stored.State.Should().Be(ConversationState.Assigned);
        stored.AssignedAgentId.Should().Be(alice);
        clock.GetUtcNow().Should().Be(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        silos.Count(s => s.GetRequiredService<RoutingPartitions>().Owns(Acme)).Should().Be(1, "one silo decides for the workspace");
    }

    [Fact]
    public async Task RoundRobin_IsFairAcrossTheCluster_WhateverSiloTheRequestsComeThrough()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await SiloCluster.StartAsync(s => s.AddSingleton<TimeProvider>(clock).AddLiveChat());
        var silos = cluster.Silos;
        AgentId[] agents = [new("alice"), new("bob"), new("carla")];
        foreach (var agent in agents)
        {
            await Engine(silos[0]).Agents.RegisterAsync(Acme, new AgentRegistration(agent, agent.Value, MaxConcurrentConversations: 10));
            await Engine(silos[0]).Agents.SetStatusAsync(Acme, agent, AgentStatus.Online);
        }

        var owners = new List<AgentId>();
        for (var i = 0; i < 9; i++)
        {
            // Each request through a different silo: one turn for the whole cluster, so each agent gets every third.
            var engine = Engine(silos[i % silos.Count]);
            var started = await engine.Conversations.StartAsync(Acme);
            var handoff = await engine.Conversations.RequestAgentAsync(Acme, started.Conversation.Id);
            owners.Add(handoff.Conversation.AssignedAgentId!.Value);
        }

        owners.GroupBy(o => o).Select(g => g.Count()).Should().AllBeEquivalentTo(3);
        owners.Take(3).Should().OnlyHaveUniqueItems();
    }

    private static LiveChatEngine Engine(IServiceProvider silo) => silo.GetRequiredService<LiveChatEngine>();
}
