using LiveChat.Core.Testing;
using LiveChat.AspNetCore.Internal;
using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Presence from connections (feature W5) on a <see cref="FakeTimeProvider"/>: an agent with two tabs closes one and stays
/// present; closes both and, after the presence grace, gets no new chat, while their open chat follows the requeue policy.
/// </summary>
public sealed class W5_PresenceFromConnectionsTests
{
    [Fact]
    public async Task Presence_TwoTabsThenNone_PresentWhileOneIsOpenThenAbsentAndRequeued()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var server = await ChatServer.StartAsync(time: time);
        var presence = server.Services.GetRequiredService<AgentPresence>();
        var alice = await server.AgentAsync("alice", "Alice");
        var tab1 = await HubClient.AgentAsync(server, "alice");
        var tab2 = await HubClient.AgentAsync(server, "alice");
        await tab1.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await using var visitor = await HubClient.VisitorAsync(server);
        var open = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        (await visitor.InvokeAsync<string>("RequestAgent")).Should().Be("Assigned");

        await tab1.DisposeAsync();
        await Eventually.HoldsAsync(() => presence.Connections(ChatServer.Acme, alice) == 1, "one tab is left");
        await AdvanceWithHeartbeatsAsync(server, time, alice, TimeSpan.FromSeconds(90));
        (await server.Engine.Agents.IsAvailableAsync(ChatServer.Acme)).Should().BeTrue("one open tab keeps Alice present past the presence timeout");

        await tab2.DisposeAsync();
        await Eventually.HoldsAsync(() => presence.Connections(ChatServer.Acme, alice) == 0, "no tab is left");
        time.Advance(TimeSpan.FromSeconds(61));
        await Eventually.HoldsAsync(async () => !await server.Engine.Agents.IsAvailableAsync(ChatServer.Acme), "Alice's presence lapses after the grace");
        await using var late = await HubClient.VisitorAsync(server);
        await late.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        (await late.InvokeAsync<string>("RequestAgent")).Should().NotBe("Assigned", "an agent without connections gets no new chat");

        time.Advance(TimeSpan.FromMinutes(2));
        var id = ConversationId.Parse(open.State.ConversationId, null);
        await Eventually.HoldsAsync(
            async () => (await server.Engine.Conversations.GetAsync(ChatServer.Acme, id)).State == ConversationState.Unassigned,
            "Alice's open chat is requeued after RequeueAfter");
    }

    /// <summary>Advances the clock in heartbeat steps, waiting for each heartbeat to reach the store before the next step.</summary>
    private static async Task AdvanceWithHeartbeatsAsync(ChatServer server, FakeTimeProvider time, AgentId agent, TimeSpan total)
    {
        var step = TimeSpan.FromSeconds(20);
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += step)
        {
            time.Advance(step);
            var now = time.GetUtcNow();
            await Eventually.HoldsAsync(async () => (await server.Engine.Agents.GetAsync(ChatServer.Acme, agent)).LastSeenAt >= now, "the heartbeat lands");
        }
    }
}
