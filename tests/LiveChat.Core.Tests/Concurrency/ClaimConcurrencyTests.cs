using LiveChat.Core.Routing;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Testing;

namespace LiveChat.Core.Tests.Concurrency;

/// <summary>Many agents race for one conversation: exactly one claim wins.</summary>
public sealed class ClaimConcurrencyTests
{
    private const int AgentCount = 100;

    [Fact]
    public async Task ClaimAsync_HundredOnlineAgentsAtOnce_ExactlyOneWinsAndOnlyTheyCarryTheLoad()
    {
        // Without auto-assignment the request waits in Unassigned, where agents claim it by hand.
        await using var host = EngineHost.Create(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var engine = host.Engine;
        var ws = EngineHost.Workspace;
        var agents = new List<Agent>(AgentCount);
        for (var i = 0; i < AgentCount; i++)
        {
            var agent = await engine.Agents.RegisterAsync(ws, new AgentRegistration(new AgentId($"agent-{i}"), $"Agent {i}"));
            agents.Add(await engine.Agents.SetStatusAsync(ws, agent.Id, AgentStatus.Online));
        }

        var started = await engine.Conversations.StartAsync(ws);
        var handoff = await engine.Conversations.RequestAgentAsync(ws, started.Conversation.Id);
        handoff.Conversation.State.Should().Be(ConversationState.Unassigned);

        var outcomes = await Concurrently.RunAsync(AgentCount, i => Concurrently.CatchAsync(
            async () => await engine.Conversations.ClaimAsync(ws, started.Conversation.Id, agents[i].Id)));

        outcomes.Count(e => e is null).Should().Be(1);
        var winner = agents[Array.FindIndex(outcomes, e => e is null)].Id;
        outcomes.Where(e => e is not null).Should().HaveCount(AgentCount - 1)
            .And.AllBeOfType<ConversationAlreadyClaimedException>()
            .And.OnlyContain(e => ((ConversationAlreadyClaimedException)e!).Owner == winner);

        var conversation = await engine.Conversations.GetAsync(ws, started.Conversation.Id);
        conversation.State.Should().Be(ConversationState.Assigned);
        conversation.AssignedAgentId.Should().Be(winner);
        var loads = (await engine.Agents.ListAsync(ws)).ToDictionary(a => a.Id, a => a.OpenConversations);
        loads[winner].Should().Be(1);
        loads.Where(l => l.Key != winner).Should().OnlyContain(l => l.Value == 0);
        (await host.AllMessagesAsync(conversation.Id)).Where(m => m.SystemEvent == SystemEvent.AgentJoined).Should().ContainSingle();
    }
}
