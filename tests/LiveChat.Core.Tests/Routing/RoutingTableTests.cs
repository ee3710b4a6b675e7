using CsCheck;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using Xunit;

namespace LiveChat.Core.Tests.Routing;

/// <summary>The table on its own: decisions, holding seats against the agent's version, teams and their fallback (R2–R4).</summary>
public sealed class RoutingTableTests
{
    private static readonly WorkspaceId Workspace = new("acme");

    [Fact]
    public void Apply_NeverHoldsMoreSeatsThanTheCapacity_ForAnySequenceOfDecisionsAndReleases()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 4], Gen.Bool.Array[1, 80]).Sample((agents, capacity, steps) =>
        {
            var table = new RoutingTable();
            for (var i = 0; i < agents; i++)
            {
                table.Upsert(Agent($"a{i}", capacity), present: true, nowTicks: 1);
            }

            var held = new List<int>();
            foreach (var decide in steps)
            {
                if (decide)
                {
                    var decision = table.Decide(RoutingTarget.Workspace, RoutingStrategy.RoundRobin);
                    if (decision.Found)
                    {
                        table.Apply(decision, 2).Should().BeTrue();
                        held.Add(decision.Ordinal);
                    }
                    else
                    {
                        held.Should().HaveCount(agents * capacity, "nobody is offered only when every seat is held");
                    }
                }
                else if (held.Count > 0)
                {
                    table.Release(held[^1], 3);
                    held.RemoveAt(held.Count - 1);
                }

                for (var o = 0; o < agents; o++)
                {
                    table[o].Load.Should().Be(held.Count(h => h == o)).And.BeLessThanOrEqualTo(capacity);
                }

                table.AnyoneAvailable.Should().Be(held.Count < agents * capacity);
            }
        });
    }

    [Fact]
    public void Apply_AfterTheAgentChangedSinceTheDecision_HoldsNothing()
    {
        var table = new RoutingTable();
        var ordinal = table.Upsert(Agent("alice", 2), present: true, nowTicks: 1);
        var decision = table.Decide(RoutingTarget.Workspace, RoutingStrategy.RoundRobin);

        table.SetStatus(ordinal, AgentStatus.Online, 2);

        table.Apply(decision, 3).Should().BeFalse();
        table[ordinal].Held.Should().Be(0);
    }

    [Fact]
    public void Decide_ForATeamWithNobodyFree_FallsBackToItsFallbackTeam()
    {
        var table = new RoutingTable();
        table.DefineTeam(new Team(new TeamId("sales"), "Sales", new TeamId("support")));
        table.DefineTeam(new Team(new TeamId("support"), "Support", null));
        table.Upsert(Agent("seller", 1, "sales") with { Status = AgentStatus.Away }, present: true, nowTicks: 1);
        var helper = table.Upsert(Agent("helper", 1, "support"), present: true, nowTicks: 1);

        var decision = table.Decide(RoutingTarget.ToTeam(new TeamId("sales")), RoutingStrategy.RoundRobin);

        decision.Ordinal.Should().Be(helper);
        table.HasAvailable(RoutingTarget.ToTeam(new TeamId("sales"))).Should().BeTrue();
        table.AvailableFor(RoutingTarget.ToTeam(new TeamId("sales"))).Should().Equal(new AgentId("helper"));
    }

    [Fact]
    public void Hold_ASeatOfALiveOfferFromTheStore_CountsInTheLoadUntilReleased()
    {
        var table = new RoutingTable();
        var ordinal = table.Upsert(Agent("alice", 1), present: true, nowTicks: 1);

        table.Hold(ordinal, 2);

        table.HasAvailable(RoutingTarget.Workspace).Should().BeFalse();
        table.Release(ordinal, 3);
        table.HasAvailable(RoutingTarget.Workspace).Should().BeTrue();
    }

    [Fact]
    public void Upsert_AnAgentWhoIsNotPresent_IsNeverDecided()
    {
        var table = new RoutingTable();
        table.Upsert(Agent("alice", 3), present: false, nowTicks: 1);

        table.Decide(RoutingTarget.Workspace, RoutingStrategy.LeastBusy).Found.Should().BeFalse();
        table.AnyoneAvailable.Should().BeFalse();
    }

    private static Agent Agent(string id, int capacity, params string[] teams) => new()
    {
        Workspace = Workspace,
        Id = new AgentId(id),
        DisplayName = id,
        MaxConcurrentConversations = capacity,
        Status = AgentStatus.Online,
        Teams = [.. teams.Select(t => new TeamId(t))],
    };
}
