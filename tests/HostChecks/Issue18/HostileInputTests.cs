// Bad and hostile input through a clustered engine is refused exactly as on one server: the same exception type and
// category (a LiveChatException or ArgumentException, never an Orleans or serializer exception), nothing changed.
// The reference is a single server (AddLiveChat().UsePostgreSql(...) without UseOrleans) on the same database.
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Issue18.Checks;

public sealed class HostileInputTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>What one case needs: a workspace with an agent and a conversation, and another workspace likewise.</summary>
    public sealed record Fixture(
        WorkspaceId Ws, WorkspaceId Other, AgentId Alice, AgentId OtherAgent,
        ConversationId Conversation, VisitorToken Token, ConversationId OtherConversation, VisitorToken OtherToken,
        ConversationId Ended, VisitorToken EndedToken);

    private static async Task<Fixture> ArrangeAsync(LiveChatEngine chat)
    {
        var ws = Ids.Workspace("hx");
        var other = Ids.Workspace("hy");
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        await chat.Agents.RegisterAsync(ws, new AgentRegistration(alice, "Alice", 3));
        await chat.Agents.RegisterAsync(other, new AgentRegistration(bob, "Bob", 3));
        var (c, t) = await chat.Conversations.StartAsync(ws);
        await chat.Visitors.PostAsync(ws, c.Id, t, "first", clientMessageId: "first");
        var (oc, ot) = await chat.Conversations.StartAsync(other);
        var (ec, et) = await chat.Conversations.StartAsync(ws);
        await chat.Visitors.EndAsync(ws, ec.Id, et);
        return new Fixture(ws, other, alice, bob, c.Id, t, oc.Id, ot, ec.Id, et);
    }

    public static readonly Dictionary<string, Func<LiveChatEngine, Fixture, Task>> Cases = new()
    {
        ["oversized message"] = (c, f) => c.Visitors.PostAsync(f.Ws, f.Conversation, f.Token, new string('x', 1_000_001)).AsTask(),
        ["NUL in a message"] = (c, f) => c.Visitors.PostAsync(f.Ws, f.Conversation, f.Token, "a\0b").AsTask(),
        ["lone surrogate in a message"] = (c, f) => c.Visitors.PostAsync(f.Ws, f.Conversation, f.Token, "a\ud800b").AsTask(),
        ["empty message"] = (c, f) => c.Visitors.PostAsync(f.Ws, f.Conversation, f.Token, "").AsTask(),
        ["lone surrogate in a visitor name"] = (c, f) => c.Conversations.StartAsync(f.Ws, new StartConversationRequest { VisitorName = "\udfff" }).AsTask(),
        ["another workspace's conversation id"] = (c, f) => c.Visitors.PostAsync(f.Ws, f.OtherConversation, f.OtherToken, "hi").AsTask(),
        ["another workspace's conversation, agent read"] = (c, f) => c.Conversations.GetAsync(f.Ws, f.OtherConversation).AsTask(),
        ["a wrong visitor token"] = (c, f) => c.Visitors.PostAsync(f.Ws, f.Conversation, f.OtherToken, "hi").AsTask(),
        ["another workspace's agent claims"] = (c, f) => c.Conversations.ClaimAsync(f.Ws, f.Conversation, f.OtherAgent).AsTask(),
        ["another workspace's agent goes online"] = (c, f) => c.Agents.SetStatusAsync(f.Ws, f.OtherAgent, AgentStatus.Online).AsTask(),
        ["heartbeat of an unknown agent"] = (c, f) => c.Agents.HeartbeatAsync(f.Ws, new AgentId("ghost")).AsTask(),
        ["request to an undefined team"] = (c, f) => c.Visitors.RequestAgentAsync(f.Ws, f.Conversation, f.Token, RoutingTarget.ToTeam(new TeamId("nope"))).AsTask(),
        ["availability of an undefined team"] = (c, f) => c.Agents.IsAvailableAsync(f.Ws, RoutingTarget.ToTeam(new TeamId("nope"))).AsTask(),
        ["available agents of an undefined team"] = (c, f) => c.Agents.ListAvailableAsync(f.Ws, RoutingTarget.ToTeam(new TeamId("nope"))).AsTask(),
        ["request to another workspace's agent"] = (c, f) => c.Conversations.RequestAgentAsync(f.Ws, f.Conversation, RoutingTarget.ToAgent(f.OtherAgent)).AsTask(),
        ["availability of another workspace's agent"] = (c, f) => c.Agents.IsAvailableAsync(f.Ws, RoutingTarget.ToAgent(f.OtherAgent)).AsTask(),
        ["default workspace"] = (c, f) => c.Conversations.StartAsync(default).AsTask(),
        ["default conversation id"] = (c, f) => c.Conversations.GetAsync(f.Ws, default).AsTask(),
        ["negative capacity"] = (c, f) => c.Agents.RegisterAsync(f.Ws, new AgentRegistration(new AgentId("neg"), "Neg", -1)).AsTask(),
        ["NUL in an agent name"] = (c, f) => c.Agents.RegisterAsync(f.Ws, new AgentRegistration(new AgentId("nul"), "a\0b", 2)).AsTask(),
        ["malformed e-mail in the contact form"] = (c, f) => c.Visitors.SubmitContactFormAsync(f.Ws, f.Conversation, f.Token, new ContactForm { Name = "Eve", Email = "not an address" }).AsTask(),
        ["CRLF header injection in the contact form e-mail"] = (c, f) => c.Visitors.SubmitContactFormAsync(f.Ws, f.Conversation, f.Token, new ContactForm { Name = "Eve", Email = "eve@example.com\r\nBcc: all@example.com" }).AsTask(),
        ["NUL in the contact form name"] = (c, f) => c.Visitors.SubmitContactFormAsync(f.Ws, f.Conversation, f.Token, new ContactForm { Name = "E\0ve", Email = "eve@example.com" }).AsTask(),
        ["a forged offer token"] = (c, f) => c.Conversations.AcceptOfferAsync(f.Ws, f.Conversation, f.Alice, 987654321).AsTask(),
        ["a non-owner agent posts"] = (c, f) => c.Conversations.PostAgentMessageAsync(f.Ws, f.Conversation, f.Alice, "hi").AsTask(),
        ["a post to an ended conversation"] = (c, f) => c.Visitors.PostAsync(f.Ws, f.Ended, f.EndedToken, "hello?").AsTask(),
        ["a claim of an ended conversation"] = (c, f) => c.Conversations.ClaimAsync(f.Ws, f.Ended, f.Alice).AsTask(),
        ["a request for an ended conversation"] = (c, f) => c.Visitors.RequestAgentAsync(f.Ws, f.Ended, f.EndedToken).AsTask(),
        ["a team whose fallback is undefined"] = (c, f) => c.Agents.DefineTeamAsync(f.Ws, new Team(new TeamId("t1"), "T1", FallbackTeam: new TeamId("missing"))).AsTask(),
        ["a 100,000-character workspace id"] = (c, f) => c.Conversations.StartAsync(new WorkspaceId(new string('w', 100_000))).AsTask(),
    };

    public static IEnumerable<object[]> CaseNames() => Cases.Keys.Select(k => new object[] { k });

    private static async Task<Exception?> OutcomeAsync(Func<Task> act)
    {
        try
        {
            await act();
            return null;
        }
        catch (Exception e) { return e; }
    }

    [ClusterFact]
    public async Task EveryHostileCase_IsRefusedThroughTheCluster_ExactlyAsOnOneServer()
    {
        // The reference: one server, no Orleans, same database.
        var services = new ServiceCollection();
        services.AddLiveChat(o => o.Email.DefaultSenderAddress = "support@acme.example").UsePostgreSql(Pg.Required);
        await using var single = services.BuildServiceProvider();
        var reference = single.GetRequiredService<LiveChatEngine>();

        await using var cluster = await Cluster.StartAsync();
        var problems = new List<string>();
        var i = 0;
        foreach (var (name, act) in Cases)
        {
            var f1 = await ArrangeAsync(reference);
            var expected = await OutcomeAsync(() => act(reference, f1));

            // Arrange through A, attack through B or C (the router/identity grains may live anywhere).
            var f2 = await ArrangeAsync(cluster.A.Chat);
            var via = cluster.Servers[1 + i++ % 2];
            var before = await cluster.A.Chat.Conversations.GetMessagesAsync(f2.Ws, f2.Conversation, 0, 100);
            var actual = await OutcomeAsync(() => act(via.Chat, f2));
            var after = await cluster.A.Chat.Conversations.GetMessagesAsync(f2.Ws, f2.Conversation, 0, 100);

            if (expected?.GetType() != actual?.GetType())
                problems.Add($"{name}: one server {Describe(expected)}, cluster {Describe(actual)}");
            else if (actual is not null && actual is not LiveChatException && actual is not ArgumentException)
                problems.Add($"{name}: refused with {Describe(actual)}, not a LiveChatException/ArgumentException");
            else if (actual is not null && string.IsNullOrWhiteSpace(actual.Message))
                problems.Add($"{name}: refused with an empty message");
            if (actual is not null && after.Count != before.Count)
                problems.Add($"{name}: refused but the messages changed ({before.Count} -> {after.Count})");
            output.WriteLine($"{name}: one server {Describe(expected)} | cluster {Describe(actual)}");
        }

        problems.Where(p => !p.Contains("(note)")).Should().BeEmpty(string.Join("\n", problems));
    }

    private static string Describe(Exception? e) => e is null ? "accepted" : $"{e.GetType().Name} ({LiveChatException.CategoryOf(e)}): {e.Message}";

    [ClusterFact]
    public async Task MarkupAndScriptInNamesAndMessages_AreStoredExactly_AndReadBackIdenticallyOnEveryServer()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace();
        var evilName = "<img src=x onerror=alert(1)>\u202Eevil\u200B \"'&amp; Ž😀";
        var evilText = "<script>alert('x')</script>\n\t</div>{{ 7*7 }} ${jndi:ldap://x} \u0007 '; DROP TABLE x; --";
        var bob = new AgentId("<b>bob</b>");
        await cluster.C.Chat.Agents.RegisterAsync(ws, new AgentRegistration(bob, evilName, 2));
        await cluster.C.Chat.Agents.SetStatusAsync(ws, bob, AgentStatus.Online);
        await cluster.C.Chat.Agents.HeartbeatAsync(ws, bob);

        var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws, new StartConversationRequest { VisitorName = evilName });
        await cluster.A.Chat.Visitors.PostAsync(ws, c.Id, t, evilText, clientMessageId: "<id>\"'");
        await cluster.B.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
        await Wait.UntilAsync(async () => (await cluster.A.Chat.Conversations.GetAsync(ws, c.Id)).AssignedAgentId == bob,
            TimeSpan.FromSeconds(30), "assigned to the agent with a markup id");
        await cluster.B.Chat.Conversations.PostAgentMessageAsync(ws, c.Id, bob, evilText);

        foreach (var server in cluster.Servers)
        {
            var conversation = await server.Chat.Conversations.GetAsync(ws, c.Id);
            conversation.VisitorName.Should().Be(evilName);
            var messages = await server.Chat.Conversations.GetMessagesAsync(ws, c.Id, 0, 100);
            messages.Where(m => m.Text == evilText).Should().HaveCount(2, $"server {server.Name} reads both texts exactly");
            (await server.Chat.Agents.GetAsync(ws, bob)).DisplayName.Should().Be(evilName);
        }
    }
}
