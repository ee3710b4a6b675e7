using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using static Chk18c.H;

namespace Chk18c;

/// <summary>Area 2: routing fairness and capacity across servers (R3, R4, R8).</summary>
public class FairnessTests
{
    private static async Task<Dictionary<string, int>> LoadsAsync(Cluster c, Server via, params string[] agents)
    {
        var d = new Dictionary<string, int>();
        foreach (var a in agents) d[a] = (await c.AgentAsync(via, a)).OpenConversations;
        return d;
    }

    // reference.md R3: "two available agents never differ by more than one chat because of routing while their capacity
    // allows"; scale-out.md: "Round robin is one turn for the whole cluster".
    [Fact]
    public async Task BalancedRoundRobin_RequestsThroughDifferentServers_NeverDifferByMoreThanOne()
    {
        await using var c = await Cluster.StartAsync(3);
        for (var i = 0; i < 3; i++) await c.RegisterOnlineAsync(c[i], $"a{i + 1}", 5);
        for (var n = 0; n < 9; n++)
        {
            var id = await c.QueueAsync(c[n % 3]);
            (await c.OwnerAsync(c[(n + 1) % 3], id)).Should().NotBeNull($"request {n} should be assigned at once");
            var loads = await LoadsAsync(c, c[(n + 2) % 3], "a1", "a2", "a3");
            (loads.Values.Max() - loads.Values.Min()).Should().BeLessThanOrEqualTo(1, $"after request {n}: {string.Join(",", loads)}");
        }
        (await LoadsAsync(c, c[0], "a1", "a2", "a3")).Values.Should().AllBeEquivalentTo(3);
    }

    // reference.md R8/R3: StrictRoundRobin "keeps the strict rotation"; scale-out.md "Round robin is one turn for the whole cluster".
    [Fact]
    public async Task StrictRoundRobin_RequestsThroughRotatingServers_FollowOneRotation()
    {
        await using var c = await Cluster.StartAsync(3, o => o.Routing.Strategy = RoutingStrategy.StrictRoundRobin);
        for (var i = 0; i < 3; i++) await c.RegisterOnlineAsync(c[i], $"a{i + 1}", 10);
        var owners = new List<AgentId>();
        for (var n = 0; n < 9; n++)
        {
            var id = await c.QueueAsync(c[(n * 2) % 3]);
            owners.Add((await c.OwnerAsync(c[n % 3], id))!.Value);
        }
        owners.Take(3).Distinct().Should().HaveCount(3, string.Join(",", owners));
        for (var n = 3; n < 9; n++) owners[n].Should().Be(owners[n - 3], $"strict rotation, got {string.Join(",", owners.Select(o => o.Value))}");
    }

    // reference.md R8: "LeastBusy takes the fewest open chats, then the agent idle longest".
    [Fact]
    public async Task LeastBusy_ThroughDifferentServers_AlwaysPicksAnAgentWithTheFewestOpenChats()
    {
        await using var c = await Cluster.StartAsync(3, o => o.Routing.Strategy = RoutingStrategy.LeastBusy);
        await c.RegisterOnlineAsync(c[0], "a1", 5);
        await c.QueueAsync(c[1]);
        await c.QueueAsync(c[2]);
        await c.RegisterOnlineAsync(c[1], "a2", 5);
        await c.RegisterOnlineAsync(c[2], "a3", 5);
        for (var n = 0; n < 4; n++)
        {
            var before = await LoadsAsync(c, c[n % 3], "a1", "a2", "a3");
            var id = await c.QueueAsync(c[(n + 1) % 3]);
            var owner = (await c.OwnerAsync(c[(n + 2) % 3], id))!.Value.Value;
            before[owner].Should().Be(before.Values.Min(), $"request {n} went to {owner} with loads {string.Join(",", before)}");
        }
        (await LoadsAsync(c, c[0], "a1", "a2", "a3")).Values.Should().AllBeEquivalentTo(2);
    }

    // R3 "max concurrent chats per agent"; reference.md: "Assignment checks status, heartbeat and capacity atomically".
    // Requests made at once through three servers fill each seat exactly once; a freed seat takes the oldest waiting one.
    [Fact]
    public async Task ConcurrentRequestsThroughThreeServers_FillEverySeatExactly_AndAFreedSeatTakesAWaitingOne()
    {
        await using var c = await Cluster.StartAsync(3);
        for (var i = 0; i < 3; i++) await c.RegisterOnlineAsync(c[i], $"a{i + 1}", 3);
        var started = new List<(ConversationId Id, VisitorToken Token)>();
        for (var n = 0; n < 12; n++)
        {
            var (conv, token) = await c.StartConversationAsync(c[n % 3]);
            started.Add((conv.Id, token));
        }
        await Task.WhenAll(started.Select((s, n) => Task.Run(async () =>
            await c[n % 3].Chat.Visitors.RequestAgentAsync(c.Ws, s.Id, s.Token))));

        var owners = new List<AgentId?>();
        foreach (var (id, _) in started) owners.Add(await c.OwnerAsync(c[1], id));
        owners.Count(o => o is not null).Should().Be(9);
        owners.Where(o => o is not null).GroupBy(o => o).Select(g => g.Count()).Should().AllBeEquivalentTo(3);
        (await LoadsAsync(c, c[2], "a1", "a2", "a3")).Values.Should().AllBeEquivalentTo(3);

        var ended = started.First(s => owners[started.IndexOf(s)] == A("a2"));
        await c[0].Chat.Conversations.EndAsync(c.Ws, ended.Id, A("a2"));
        await Wait.UntilAsync(async () =>
        {
            var n = 0;
            foreach (var (id, _) in started) if (await c.OwnerAsync(c[2], id) == A("a2") && (await c.GetAsync(c[2], id)).State == ConversationState.Assigned) n++;
            return n == 3;
        }, Wait.Long, "a2's freed seat to take a waiting conversation");
        (await LoadsAsync(c, c[1], "a1", "a2", "a3")).Values.Should().AllBeEquivalentTo(3);
    }

    // issue 18: "no agent exceeded capacity"; ClaimAsync doc: AgentCapacityExceededException "The agent has no free
    // capacity". Claims through B and C race the automatic assignment that going online through A starts.
    [Fact]
    public async Task ClaimsThroughTwoServers_RacingAutomaticAssignmentFromAThird_NeverExceedCapacity()
    {
        await using var c = await Cluster.StartAsync(3);
        await c[0].Chat.Agents.RegisterAsync(c.Ws, new AgentRegistration(A("a1"), "A1", 2));
        var ids = new List<ConversationId>();
        for (var n = 0; n < 6; n++) ids.Add(await c.QueueAsync(c[n % 3]));

        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var tasks = new List<Task>
        {
            Task.Run(async () => await c[0].Chat.Agents.SetStatusAsync(c.Ws, A("a1"), AgentStatus.Online)),
        };
        tasks.AddRange(ids.Select((id, n) => Task.Run(async () =>
        {
            try { await c[1 + n % 2].Chat.Conversations.ClaimAsync(c.Ws, id, A("a1")); }
            catch (Exception e) { errors.Add(e); }
        })));
        await Task.WhenAll(tasks);
        await Task.Delay(Wait.Quiet);

        var owned = 0;
        foreach (var id in ids) if ((await c.GetAsync(c[2], id)) is { State: ConversationState.Assigned } cv && cv.AssignedAgentId == A("a1")) owned++;
        owned.Should().Be(2, "capacity 2 and six waiting conversations");
        (await c.AgentAsync(c[1], "a1")).OpenConversations.Should().Be(2);
        errors.Should().OnlyContain(e => e is LiveChatException && ((LiveChatException)e).Category == LiveChatErrorCategory.Conflict
                                         || e is AgentNotAvailableException,
            string.Join(" | ", errors.Select(e => e.GetType().Name + ": " + e.Message)));
    }

    // reference.md R4 "Teams with a fallback team": sales full -> its fallback team; both full -> the request waits and
    // goes to the next fallback agent who comes online through yet another server.
    [Fact]
    public async Task TeamWithFallback_AcrossServers_UsesTheFallbackOnlyWhenTheTeamIsFull()
    {
        await using var c = await Cluster.StartAsync(3);
        var sales = new TeamId("sales");
        var support = new TeamId("support");
        await c[0].Chat.Agents.DefineTeamAsync(c.Ws, new Team(support, "Support"));
        await c[1].Chat.Agents.DefineTeamAsync(c.Ws, new Team(sales, "Sales", FallbackTeam: support));
        await c.RegisterOnlineAsync(c[1], "s1", 1, sales);
        await c.RegisterOnlineAsync(c[2], "p1", 1, support);

        var first = await c.QueueAsync(c[0], RoutingTarget.ToTeam(sales));
        (await c.OwnerAsync(c[2], first)).Should().Be(A("s1"));
        var second = await c.QueueAsync(c[1], RoutingTarget.ToTeam(sales));
        (await c.OwnerAsync(c[0], second)).Should().Be(A("p1"));
        var third = await c.QueueAsync(c[2], RoutingTarget.ToTeam(sales));
        (await c.OwnerAsync(c[1], third)).Should().BeNull();
        (await c[0].Chat.Agents.ListAvailableAsync(c.Ws, RoutingTarget.ToTeam(sales))).Should().BeEmpty();

        await c.RegisterOnlineAsync(c[0], "p2", 1, support);
        await Wait.UntilAsync(async () => await c.OwnerAsync(c[2], third) == A("p2"), Wait.Long, "the waiting sales request to go to the fallback agent p2");
    }

    // R4 "route to a team": a request queued for sales is never given to an agent outside sales (and its fallback), even
    // when that agent comes online through another server; the sales agent who comes online through a third gets it.
    [Fact]
    public async Task RequestQueuedForATeam_IsNotTakenByAnOutsider_AndGoesToTheTeamsAgentOnAnotherServer()
    {
        await using var c = await Cluster.StartAsync(3);
        var sales = new TeamId("sales");
        var support = new TeamId("support");
        await c[0].Chat.Agents.DefineTeamAsync(c.Ws, new Team(sales, "Sales"));
        await c[0].Chat.Agents.DefineTeamAsync(c.Ws, new Team(support, "Support"));
        await c[0].Chat.Agents.RegisterAsync(c.Ws, new AgentRegistration(A("s1"), "S1", 2) { Teams = [sales] });
        var id = await c.QueueAsync(c[0], RoutingTarget.ToTeam(sales));
        await c.RegisterOnlineAsync(c[1], "p1", 2, support);
        await Wait.StaysFalseAsync(async () => await c.OwnerAsync(c[2], id) is not null, Wait.Quiet, "given to the support agent");
        await c[2].Chat.Agents.SetStatusAsync(c.Ws, A("s1"), AgentStatus.Online);
        await Wait.UntilAsync(async () => await c.OwnerAsync(c[0], id) == A("s1"), Wait.Long, "assigned to s1");
        (await c.AgentAsync(c[1], "p1")).OpenConversations.Should().Be(0);
    }

    // R4 "or a named teammate": ToAgent(a2) through any server goes to a2 even when the round-robin turn is someone else's.
    [Fact]
    public async Task NamedTeammate_ThroughDifferentServers_AlwaysGetsTheRequest()
    {
        await using var c = await Cluster.StartAsync(3);
        await c.RegisterOnlineAsync(c[0], "a1", 5);
        await c.RegisterOnlineAsync(c[1], "a2", 5);
        for (var n = 0; n < 3; n++)
        {
            var id = await c.QueueAsync(c[n], RoutingTarget.ToAgent(A("a2")));
            (await c.OwnerAsync(c[(n + 1) % 3], id)).Should().Be(A("a2"), $"request {n}");
        }
        (await c.AgentAsync(c[2], "a1")).OpenConversations.Should().Be(0);
        var next = await c.QueueAsync(c[2]);
        (await c.OwnerAsync(c[0], next)).Should().Be(A("a1"), "balanced round robin: a1 has 0, a2 has 3");
    }

    // ListAvailableAsync doc: "The agents the router would give a request ... to now"; "empty when ... the target's team
    // is not defined". Every server answers the same once an agent is full.
    [Fact]
    public async Task ListAvailable_OnEveryServer_DropsAFullAgent_AndIsEmptyForAnUndefinedTeam()
    {
        await using var c = await Cluster.StartAsync(3);
        await c.RegisterOnlineAsync(c[0], "a1", 1);
        await c.RegisterOnlineAsync(c[1], "a2", 1);
        var id = await c.QueueAsync(c[2]);
        var owner = (await c.OwnerAsync(c[0], id))!.Value;
        var free = owner == A("a1") ? A("a2") : A("a1");
        foreach (var s in c.Servers)
        {
            var list = await s.Chat.Agents.ListAvailableAsync(c.Ws);
            list.Should().BeEquivalentTo(new[] { free }, $"on {s.Name}");
            (await s.Chat.Agents.ListAvailableAsync(c.Ws, RoutingTarget.ToTeam(new TeamId("nope")))).Should().BeEmpty();
        }
    }
}
