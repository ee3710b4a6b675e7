using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using LiveChat.Orleans.Tests.Postgres;
using LiveChat.Storage.PostgreSql.Tests;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// X7, fault kind "silo death": for about a second after a silo dies, calls to the grains it held fail with Orleans'
/// rejections until the cluster declares it dead and the grain is activated again elsewhere. The front door's routing
/// calls (idempotent notifications and reads) retry through that window instead of failing the host's request.
/// </summary>
public sealed class X7_SiloDeathRetryTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public Task RoutingCalls_RightAfterTheRouterSiloIsKilled_RetryAndAssignOnASurvivor() => RunAsync(postgres: null);

    [PostgresFact]
    public async Task RoutingCalls_RightAfterTheRouterSiloIsKilled_OnPostgreSqlClustering_RetryAndAssignOnASurvivor()
    {
        await using var database = await TempDatabase.CreateAsync();
        await RunAsync(database.ConnectionString);
    }

    private static async Task RunAsync(string? postgres)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var window = new DeadSiloWindow();
        await using var cluster = await SiloCluster.StartAsync(
            s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IOutgoingGrainCallFilter>(window).AddLiveChat(), postgres: postgres);
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        await Engine(cluster.Silos[0]).Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", MaxConcurrentConversations: 2));
        var ownerIndex = cluster.Silos.ToList().FindIndex(s => s.GetRequiredService<RoutingPartitions>().Owns(Acme));
        var survivor = cluster.Silos.First(s => !s.GetRequiredService<RoutingPartitions>().Owns(Acme));

        await cluster.KillAsync(cluster.Handles[ownerIndex]);
        window.Open(calls: 3);

        // Straight after the kill: every one of these reaches the router grain, whose silo is gone.
        await Engine(survivor).Agents.RegisterAsync(Acme, new AgentRegistration(bob, "Bob", MaxConcurrentConversations: 2));
        await Engine(survivor).Agents.SetStatusAsync(Acme, bob, AgentStatus.Online);
        var started = await Engine(survivor).Conversations.StartAsync(Acme);
        var handoff = await Engine(survivor).Conversations.RequestAgentAsync(Acme, started.Conversation.Id);

        window.Rejected.Should().Be(3, "the first calls after the kill met the dead silo");
        handoff.Conversation.State.Should().Be(ConversationState.Assigned);
        handoff.Conversation.AssignedAgentId.Should().Be(bob);
        cluster.Silos.Count(s => s.GetRequiredService<RoutingPartitions>().Owns(Acme)).Should().Be(1, "the router grain lives again on one survivor");
    }

    private static LiveChatEngine Engine(IServiceProvider silo) => silo.GetRequiredService<LiveChatEngine>();
}
