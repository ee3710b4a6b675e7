using CsCheck;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>
/// R3: the default round robin takes turns only among the least-loaded available agents; the strict rotation is kept
/// as <see cref="RoutingStrategy.StrictRoundRobin"/>.
/// </summary>
public sealed class R3_BalancedRoundRobinTests
{
    [Fact]
    public async Task Default_WithLoads211AndTheBusiestAgentsTurn_GivesTheChatToALeastLoadedAgent()
    {
        await using var h = new LiveChatHarness();
        var (a, b, c) = await LoadsTwoOneOneWithTheFirstAgentNextAsync(h);

        var next = await h.RequestAsync();

        next.Conversation.AssignedAgentId.Should().Be(b, "b and c hold one chat each, a two; b comes first in the rotation");
        (await h.RequestAsync()).Conversation.AssignedAgentId.Should().Be(c);
        (await h.RequestAsync()).Conversation.AssignedAgentId.Should().Be(a, "all three hold two now, and the turn goes on after c");
    }

    [Fact]
    public async Task StrictRoundRobin_WithLoads211AndTheBusiestAgentsTurn_KeepsTheTurn()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.StrictRoundRobin);
        var (a, _, _) = await LoadsTwoOneOneWithTheFirstAgentNextAsync(h);

        (await h.RequestAsync()).Conversation.AssignedAgentId.Should().Be(a);
        (await h.Chat.Agents.GetAsync(h.Workspace, a)).OpenConversations.Should().Be(3);
        RoutingStrategy.StrictRoundRobin.Name.Should().Be("strict-round-robin");
    }

    [Fact]
    public void Default_ForAnyArrivalsAndEnds_GivesEachChatToALeastLoadedAgent_AndKeepsLoadsWithinOne()
    {
        // An operation is an arrival (true) or the end of the open chat at that index, modulo the open chats.
        var operation = Gen.Select(Gen.Bool, Gen.Int[0, 1_000]);
        Gen.Select(Gen.Int[2, 5], operation.Array[1, 60]).Sample((agentCount, operations) =>
        {
            var h = new LiveChatHarness();
            try
            {
                Run(h, agentCount, operations).GetAwaiter().GetResult();
            }
            finally
            {
                h.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }, iter: 40);
    }

    private static async Task Run(LiveChatHarness h, int agentCount, (bool Arrives, int Index)[] operations)
    {
        var agents = new List<AgentId>();
        for (var i = 0; i < agentCount; i++)
        {
            agents.Add(await h.OnlineAgentAsync($"agent-{i}", capacity: 100));
        }

        var open = new List<(ConversationId Id, AgentId Owner)>();
        var loads = agents.ToDictionary(a => a, _ => 0);
        foreach (var (arrives, index) in operations)
        {
            if (arrives || open.Count == 0)
            {
                var spreadBefore = loads.Values.Max() - loads.Values.Min();
                var minimum = loads.Values.Min();
                var handoff = await h.RequestAsync();
                var owner = handoff.Conversation.AssignedAgentId!.Value;
                loads[owner].Should().Be(minimum, "the chat goes to one of the least-loaded agents");
                loads[owner]++;
                open.Add((handoff.Conversation.Id, owner));
                if (spreadBefore <= 1)
                {
                    (loads.Values.Max() - loads.Values.Min()).Should().BeLessThanOrEqualTo(1, "no two available agents differ by more than one chat");
                }
            }
            else
            {
                var (id, owner) = open[index % open.Count];
                open.RemoveAt(index % open.Count);
                await h.Chat.Conversations.EndAsync(h.Workspace, id, owner);
                loads[owner]--;
            }
        }

        foreach (var agent in agents)
        {
            (await h.Chat.Agents.GetAsync(h.Workspace, agent)).OpenConversations.Should().Be(loads[agent]);
        }
    }

    /// <summary>a, b and c take one request each in turn, then a claims one more: loads 2/1/1, and a's turn comes next.</summary>
    private static async Task<(AgentId A, AgentId B, AgentId C)> LoadsTwoOneOneWithTheFirstAgentNextAsync(LiveChatHarness h)
    {
        var a = await h.OnlineAgentAsync("a");
        var b = await h.OnlineAgentAsync("b");
        var c = await h.OnlineAgentAsync("c");
        for (var i = 0; i < 3; i++)
        {
            await h.RequestAsync();
        }

        await h.AssignedToAsync(a);
        return (a, b, c);
    }
}
