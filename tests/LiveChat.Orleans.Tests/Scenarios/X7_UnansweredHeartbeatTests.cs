using System.Diagnostics;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Orleans.Presence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// X7, fault kind "silo death": the router grain loads its table in its own turn and asks each agent's grain for the
/// heartbeat it keeps in memory. An agent grain that cannot be reached (its silo just died, and finding it again may take
/// Orleans' 30 s placement timeout) must not hold the router: every routing call of the workspace timed out behind it
/// in the SIGKILL test. The router reads the store's heartbeat instead after <see cref="GrainHeartbeats.LastSeenWait"/>.
/// </summary>
public sealed class X7_UnansweredHeartbeatTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task RouterTableLoad_WhileAgentGrainsDoNotAnswer_ReadsTheStoresHeartbeat_AndAssignsWellInsideTheResponseTimeout()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var reads = new UnansweredHeartbeatReads();
        await using var cluster = await SiloCluster.StartAsync(
            s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IOutgoingGrainCallFilter>(reads).AddLiveChat(), silos: 1);
        var chat = cluster.Services.GetRequiredService<LiveChatEngine>();
        var alice = new AgentId("alice");
        try
        {
            reads.Hold(reads: 1);
            var elapsed = Stopwatch.StartNew();
            var handoff = await Task.Run(async () =>
            {
                // The first routing call activates the workspace's router grain, which loads its table: alice's grain is
                // asked for her heartbeat, and does not answer.
                await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", MaxConcurrentConversations: 2));
                await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
                await chat.Agents.HeartbeatAsync(Acme, alice);
                var started = await chat.Conversations.StartAsync(Acme);
                return await chat.Conversations.RequestAgentAsync(Acme, started.Conversation.Id);
            }).WaitAsync(TimeSpan.FromSeconds(25));

            reads.Held.Should().Be(1, "the router's table load asked a grain that did not answer");
            handoff.Conversation.State.Should().Be(ConversationState.Assigned);
            handoff.Conversation.AssignedAgentId.Should().Be(alice, "the store's heartbeat, written when she became present, counts");
            elapsed.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(25), "the router waited for the grain's answer at most " + GrainHeartbeats.LastSeenWait);
        }
        finally
        {
            reads.Release();
        }
    }
}
