using LiveChat.AspNetCore.Internal;
using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Presence from connections on every server (features W5, X7; issue 18): one agent grain holds an agent's heartbeats
/// from all servers in memory. Connected on two servers, the agent stays present when one connection drops and is absent
/// after the grace when both do; heartbeats write nothing to the store while the agent stays present; and an agent's
/// capacity holds for requests made through both servers.
/// </summary>
public sealed class X7_AgentPresenceAcrossServersTests
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Presence_ConnectedOnTwoServers_PresentWhileOneConnectionIsOpenThenAbsentAfterTheGrace()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await ServerCluster.StartAsync(time: time);
        var (a, b) = (cluster[0], cluster[1]);
        var alice = await a.AgentAsync("alice", "Alice");
        var onA = await HubClient.AgentAsync(a, "alice");
        await using var onB = await HubClient.AgentAsync(b, "alice");
        await onA.InvokeAsync<AgentSummary>("SetStatus", "Online");

        await onA.DisposeAsync();
        await Eventually.HoldsAsync(() => Connections(a, alice) == 0, "A holds no connection of Alice's");
        await AdvanceWithHeartbeatsAsync(b, time, alice, TimeSpan.FromSeconds(90));
        (await a.Engine.Agents.IsAvailableAsync(ChatServer.Acme)).Should().BeTrue("her connection on B keeps Alice present past the presence timeout, for A too");

        var lastBeat = (await b.Engine.Agents.GetAsync(ChatServer.Acme, alice)).LastSeenAt;
        await onB.DisposeAsync();
        await Eventually.HoldsAsync(() => Connections(b, alice) == 0, "B holds no connection of Alice's");
        time.Advance(TimeSpan.FromSeconds(61));

        await Eventually.HoldsAsync(async () => !await a.Engine.Agents.IsAvailableAsync(ChatServer.Acme), "Alice is absent after the grace");
        await Eventually.HoldsAsync(
            async () => (await cluster.Store.FindAgentAsync(ChatServer.Acme, alice))!.LastSeenAt == lastBeat,
            "going absent writes her last heartbeat to the store");
    }

    [Fact]
    public async Task Heartbeats_WhileTheAgentStaysPresent_WriteNothingToTheStore()
    {
        const int Beats = 12;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        CountingAgentStore? counting = null;
        await using var cluster = await ServerCluster.StartAsync(
            time: time,
            each: s => s.AddSingleton<IAgentStore>(sp => counting ??= new CountingAgentStore(sp.GetRequiredService<InMemoryLiveChatStore>())));
        var (a, b) = (cluster[0], cluster[1]);
        var alice = await a.AgentAsync("alice", "Alice");
        await a.Engine.Agents.SetStatusAsync(ChatServer.Acme, alice, AgentStatus.Online);
        await a.Engine.Agents.HeartbeatAsync(ChatServer.Acme, alice);
        var afterFirst = counting!.HeartbeatWrites;

        for (var i = 0; i < Beats; i++)
        {
            time.Advance(Heartbeat);

            // The router's presence timer may fire on this advance: it reads the heartbeat, then the clock. Let that check
            // finish at this instant, as real time would, before the fake clock runs ahead of it.
            foreach (var server in cluster.Servers)
            {
                await server.Services.GetRequiredService<InProcessRouting>().WhenIdleAsync();
            }

            await (i % 2 == 0 ? a : b).Engine.Agents.HeartbeatAsync(ChatServer.Acme, alice);
        }

        afterFirst.Should().Be(1, "becoming present is written once");
        counting.HeartbeatWrites.Should().Be(afterFirst, $"{Beats} heartbeats from two servers while present write nothing");
        (await b.Engine.Agents.IsAvailableAsync(ChatServer.Acme)).Should().BeTrue("routing counts the heartbeats kept in memory, 4 minutes after the one stored");
        (await a.Engine.Agents.GetAsync(ChatServer.Acme, alice)).LastSeenAt.Should().Be(time.GetUtcNow(), "the engine shows the last heartbeat");
    }

    [Fact]
    public async Task Capacity_RequestsThroughBothServers_NeverExceeded()
    {
        const int Capacity = 2;
        await using var cluster = await ServerCluster.StartAsync();
        var (a, b) = (cluster[0], cluster[1]);
        var alice = await a.AgentAsync("alice", "Alice", capacity: Capacity);
        await using var onA = await HubClient.AgentAsync(a, "alice");
        await using var onB = await HubClient.AgentAsync(b, "alice");
        await onB.InvokeAsync<AgentSummary>("SetStatus", "Online");
        var visitors = new List<HubClient>();
        foreach (var server in new[] { a, b, a, b, a, b })
        {
            var visitor = await HubClient.VisitorAsync(server);
            await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
            visitors.Add(visitor);
        }

        var outcomes = await Task.WhenAll(visitors.Select(v => v.InvokeAsync<string>("RequestAgent")));

        outcomes.Count(o => o == "Assigned").Should().Be(Capacity);
        (await cluster.Store.FindAgentAsync(ChatServer.Acme, alice))!.OpenConversations.Should().Be(Capacity, "the store agrees: no more than her capacity");
        foreach (var visitor in visitors)
        {
            await visitor.DisposeAsync();
        }
    }

    private static int Connections(ChatServer server, AgentId agent) => server.Services.GetRequiredService<LiveChat.AspNetCore.Internal.AgentPresence>().Connections(ChatServer.Acme, agent);

    /// <summary>Advances the clock in heartbeat steps, waiting for each of <paramref name="server"/>'s heartbeats to land.</summary>
    private static async Task AdvanceWithHeartbeatsAsync(ChatServer server, FakeTimeProvider time, AgentId agent, TimeSpan total)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += Heartbeat)
        {
            time.Advance(Heartbeat);
            var now = time.GetUtcNow();
            await Eventually.HoldsAsync(async () => (await server.Engine.Agents.GetAsync(ChatServer.Acme, agent)).LastSeenAt >= now, "the heartbeat lands");
        }
    }
}
