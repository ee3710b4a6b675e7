using CsCheck;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>R8: round robin, least busy and manual claim, behind a pluggable strategy.</summary>
public sealed class R8_StrategiesTests
{
    [Fact]
    public async Task LeastBusy_PicksFewestOpenChats_ThenTheAgentIdleLongest()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.LeastBusy);
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var carol = await h.OnlineAgentAsync("carol");
        var aliceChat = await h.RequestAsync();
        aliceChat.Conversation.AssignedAgentId.Should().Be(alice, "all have 0 open; alice has been idle longest");
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        (await h.RequestAsync()).Conversation.AssignedAgentId.Should().Be(bob);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await h.Chat.Conversations.EndAsync(h.Workspace, aliceChat.Conversation.Id, alice);

        (await h.RequestAsync()).Conversation.AssignedAgentId.Should().Be(carol, "carol and alice have 0 open; carol has been idle longer");
        (await h.RequestAsync()).Conversation.AssignedAgentId.Should().Be(alice);
    }

    [Fact]
    public async Task LeastBusy_ReturningFromABreak_DoesNotGetEveryNewChat()
    {
        // Rocket.Chat's lifetime counter hands a returning agent every new chat; open chats now are what counts.
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.LeastBusy);
        var alice = await h.OnlineAgentAsync("alice");
        for (var i = 0; i < 3; i++)
        {
            var c = await h.RequestAsync();
            await h.Chat.Conversations.EndAsync(h.Workspace, c.Conversation.Id, alice);
        }

        var bob = await h.OnlineAgentAsync("bob");
        var owners = new List<AgentId?>();
        for (var i = 0; i < 4; i++)
        {
            h.Clock.Advance(TimeSpan.FromSeconds(1));
            owners.Add((await h.RequestAsync()).Conversation.AssignedAgentId);
        }

        owners.Should().Equal(alice, bob, alice, bob);
    }

    [Fact]
    public void LeastBusy_NeverPicksAnAgentWithMoreOpenChatsThanAnotherEligibleAgent()
    {
        Gen.Int[0, 2].Array[20, 120].Sample(script =>
        {
            var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.LeastBusy);
            var agents = Enumerable.Range(0, 6).Select(i => h.OnlineAgentAsync($"agent-{i}", capacity: 4).GetAwaiter().GetResult()).ToList();
            var open = new List<(ConversationId Id, AgentId Owner)>();
            foreach (var step in script)
            {
                h.Clock.Advance(TimeSpan.FromMilliseconds(100));
                if (step == 0 && open.Count > 0)
                {
                    var (id, owner) = open[0];
                    open.RemoveAt(0);
                    h.Chat.Conversations.EndAsync(h.Workspace, id, owner).AsTask().GetAwaiter().GetResult();
                    continue;
                }

                var before = h.Chat.Agents.ListAsync(h.Workspace).AsTask().GetAwaiter().GetResult().Where(a => a.IsAvailable).ToList();
                var handoff = h.RequestAsync().GetAwaiter().GetResult();
                if (before.Count == 0)
                {
                    handoff.Outcome.Should().Be(HandoffOutcome.Offline);
                    continue;
                }

                var owner2 = handoff.Conversation.AssignedAgentId!.Value;
                before.Single(a => a.Id == owner2).OpenConversations.Should().Be(before.Min(a => a.OpenConversations));
                open.Add((handoff.Conversation.Id, owner2));
            }

            _ = agents;
            h.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }, iter: 40);
    }

    [Fact]
    public async Task Manual_LeavesRequestsInUnassigned_ForAgentsToClaim()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var alice = await h.OnlineAgentAsync("alice");

        var handoff = await h.RequestAsync();

        handoff.Outcome.Should().Be(HandoffOutcome.Queued);
        (await h.Chat.Conversations.ClaimAsync(h.Workspace, handoff.Conversation.Id, alice)).AssignedAgentId.Should().Be(alice);
    }

    [Fact]
    public async Task ACustomStrategy_IsPlugged_AndSeesOnlyAvailableCandidatesInRotationOrder()
    {
        var strategy = new MostRoomLeft();
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = strategy);
        await h.OnlineAgentAsync("small", capacity: 2);
        var big = await h.OnlineAgentAsync("big", capacity: 10);
        var away = await h.OnlineAgentAsync("away", capacity: 50);
        await h.Chat.Agents.SetStatusAsync(h.Workspace, away, AgentStatus.Away);

        (await h.RequestAsync()).Conversation.AssignedAgentId.Should().Be(big);
        strategy.Seen.Should().BeEquivalentTo(["small", "big"]);
    }

    [Fact]
    public async Task ACustomStrategyThatReturnsABadIndex_LeavesTheRequestQueued()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = new Broken());
        await h.OnlineAgentAsync("alice");

        var handoff = await h.RequestAsync();

        handoff.Outcome.Should().Be(HandoffOutcome.Queued, "the error is logged and the request stays in the queue");
    }

    private sealed class MostRoomLeft() : RoutingStrategy("most-room-left")
    {
        public List<string> Seen { get; } = [];

        public override int Choose(ReadOnlySpan<RoutingCandidate> candidates)
        {
            var best = 0;
            for (var i = 0; i < candidates.Length; i++)
            {
                Seen.Add(candidates[i].AgentId.Value);
                if (candidates[i].MaxConcurrentConversations - candidates[i].OpenConversations
                    > candidates[best].MaxConcurrentConversations - candidates[best].OpenConversations)
                {
                    best = i;
                }
            }

            return best;
        }
    }

    private sealed class Broken() : RoutingStrategy("broken")
    {
        public override int Choose(ReadOnlySpan<RoutingCandidate> candidates) => candidates.Length;
    }
}
