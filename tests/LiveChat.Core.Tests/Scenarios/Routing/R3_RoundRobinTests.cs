using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>R3: strict round robin among available agents, within each agent's capacity.</summary>
public sealed class R3_RoundRobinTests
{
    [Fact]
    public async Task Requests_RotateStrictly_InRegistrationOrder()
    {
        await using var h = new LiveChatHarness();
        var agents = new[] { await h.OnlineAgentAsync("a"), await h.OnlineAgentAsync("b"), await h.OnlineAgentAsync("c") };

        var owners = new List<AgentId?>();
        for (var i = 0; i < 7; i++)
        {
            owners.Add((await h.RequestAsync()).Conversation.AssignedAgentId);
        }

        owners.Should().Equal(agents[0], agents[1], agents[2], agents[0], agents[1], agents[2], agents[0]);
    }

    [Fact]
    public async Task AnUnavailableAgent_IsSkipped_AndTheRotationGoesOn()
    {
        await using var h = new LiveChatHarness();
        var a = await h.OnlineAgentAsync("a", capacity: 1);
        var b = await h.OnlineAgentAsync("b");
        var c = await h.OnlineAgentAsync("c");
        await h.Chat.Agents.SetStatusAsync(h.Workspace, c, AgentStatus.Away);

        var owners = new List<AgentId?>();
        for (var i = 0; i < 4; i++)
        {
            owners.Add((await h.RequestAsync()).Conversation.AssignedAgentId);
        }

        owners.Should().Equal(a, b, b, b);
    }

    [Fact]
    public async Task Fairness_Over100000Assignments_To50EqualAgents_DeviatesByAtMostOne()
    {
        await using var h = new LiveChatHarness();
        var agents = new List<AgentId>();
        for (var i = 0; i < 50; i++)
        {
            agents.Add(await h.OnlineAgentAsync($"agent-{i:00}", capacity: 10));
        }

        var counts = agents.ToDictionary(a => a, _ => 0);
        for (var i = 0; i < 100_000; i++)
        {
            var handoff = await h.RequestAsync();
            var owner = handoff.Conversation.AssignedAgentId!.Value;
            counts[owner]++;
            await h.Chat.Conversations.EndAsync(h.Workspace, handoff.Conversation.Id, owner);
            if (i % 10_000 == 0)
            {
                foreach (var agent in agents)
                {
                    await h.Chat.Agents.HeartbeatAsync(h.Workspace, agent);
                }
            }
        }

        (counts.Values.Max() - counts.Values.Min()).Should().BeLessThanOrEqualTo(1);
        counts.Values.Sum().Should().Be(100_000);
    }
}
