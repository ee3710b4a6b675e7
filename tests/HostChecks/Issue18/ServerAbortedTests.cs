// A server that ends abruptly (host disposed without a graceful stop): its queued requests, offers and unread-reply
// window are taken over by the survivors, and the other servers' event relay keeps flowing.
using System.Collections.Concurrent;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Issue18.Checks;

public sealed class ServerAbortedTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [ClusterFact]
    public async Task AfterAnAbruptEnd_QueuedRequestsOffersAndTheUnreadEmailAreHandledByTheSurvivors_AndEventsKeepFlowing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Clustering = Clustering.PostgreSql,
            Clock = clock,
            Options = o =>
            {
                o.Routing.Mode = RoutingMode.Offer;
                o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);
                o.Routing.PresenceTimeout = TimeSpan.FromMinutes(10);
                o.Email.UnreadDelay = TimeSpan.FromMinutes(1);
            },
        });
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        var problems = new List<string>();

        // 1. Offers pending in 5 workspaces, made through A.
        var offers = new List<(WorkspaceId ws, ConversationId id, AgentId first)>();
        for (var i = 0; i < 5; i++)
        {
            var ws = Ids.Workspace("ab");
            await TimersInAClusterTests.OnlineAsync(cluster.B, ws, alice);
            await TimersInAClusterTests.OnlineAsync(cluster.C, ws, bob);
            var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
            await cluster.A.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
            await Wait.UntilAsync(async () => (await cluster.B.Chat.Conversations.GetAsync(ws, c.Id)).Routing?.Offer is not null, Deadline, "offered");
            offers.Add((ws, c.Id, (await cluster.B.Chat.Conversations.GetAsync(ws, c.Id)).Routing!.Offer!.AgentId));
        }

        // 2. Requests queued through A in 5 workspaces where nobody is online yet.
        var queued = new List<(WorkspaceId ws, ConversationId id)>();
        for (var i = 0; i < 5; i++)
        {
            var ws = Ids.Workspace("aq");
            var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
            await cluster.A.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
            queued.Add((ws, c.Id));
        }

        // 3. An unread-reply window armed on A.
        var mailWs = Ids.Workspace("am");
        var email = $"ana-{Guid.NewGuid():N}@example.es";
        var carla = new AgentId("carla");
        await cluster.A.Chat.Agents.RegisterAsync(mailWs, new AgentRegistration(carla, "Carla", 3));
        var (mc, mt) = await cluster.B.Chat.Conversations.StartAsync(mailWs);
        await cluster.B.Chat.Visitors.SubmitContactFormAsync(mailWs, mc.Id, mt, new ContactForm { Name = "Ana", Email = email });
        await cluster.A.Chat.Agents.SetStatusAsync(mailWs, carla, AgentStatus.Online);
        await cluster.A.Chat.Agents.HeartbeatAsync(mailWs, carla);
        await cluster.A.Chat.Conversations.ClaimAsync(mailWs, mc.Id, carla);
        await cluster.A.Chat.Conversations.PostAgentMessageAsync(mailWs, mc.Id, carla, "Sí, claro.", "r1");

        // B's transport, subscribed before A ends.
        var onB = new ConcurrentQueue<LiveChatEvent>();
        var subscription = cluster.B.Host.Services.GetRequiredService<ILiveChatEventSource>().Subscribe(mailWs);
        var pump = Task.Run(async () => { try { await foreach (var e in subscription.Reader.ReadAllAsync()) onB.Enqueue(e); } catch { } });

        await cluster.A.AbortAsync();

        // Events committed on C keep reaching B promptly.
        for (var i = 0; i < 10; i++) await cluster.C.Chat.Conversations.PostAgentMessageAsync(mailWs, mc.Id, carla, $"after {i}", $"after-{i}");
        try
        {
            await Wait.UntilAsync(() => onB.OfType<MessagePosted>().Count(m => m.Message.ClientMessageId?.StartsWith("after-") == true) == 10,
                TimeSpan.FromSeconds(15), "B's transport gets C's events after A ended");
        }
        catch (Exception e) { problems.Add(e.Message); }

        foreach (var (ws, _) in queued) await TimersInAClusterTests.OnlineAsync(cluster.C, ws, new AgentId("late"));
        clock.Advance(TimeSpan.FromSeconds(61));

        try
        {
            await Wait.UntilAsync(async () =>
            {
                foreach (var o in offers)
                    if ((await cluster.C.Chat.Conversations.GetAsync(o.ws, o.id)).Routing?.Offer?.AgentId != (o.first == alice ? bob : alice)) return false;
                return true;
            }, Deadline, "offers made through A expired and moved on");
        }
        catch (Exception e) { problems.Add(e.Message); }

        try
        {
            await Wait.UntilAsync(async () =>
            {
                foreach (var (ws, id) in queued)
                {
                    var c = await cluster.B.Chat.Conversations.GetAsync(ws, id);
                    if (c.State != ConversationState.Assigned && c.Routing?.Offer is null) return false;
                }

                return true;
            }, Deadline, "requests queued through A offered or assigned once an agent came online through C");
        }
        catch (Exception e) { problems.Add(e.Message); }

        try
        {
            await Wait.UntilAsync(async () =>
            {
                foreach (var s in cluster.Live) await s.Chat.Email.DispatchDueAsync();
                return cluster.Live.SelectMany(s => s.Mail.Sent).Any(m => m.To.ToString()!.Contains(email));
            }, Deadline, "the unread-reply e-mail armed on A sent by a survivor");
            clock.Advance(TimeSpan.FromSeconds(61));
            await Wait.StaysAsync(async () =>
            {
                foreach (var s in cluster.Live) await s.Chat.Email.DispatchDueAsync();
                return cluster.AllSent.Count(m => m.To.ToString()!.Contains(email)) <= 2;
            }, TimeSpan.FromSeconds(2), "no flood");
            // One window: the reply before the abort and the 10 after it may go in one or two e-mails, never the same reply twice.
            var bodies = cluster.AllSent.Where(m => m.To.ToString()!.Contains(email)).Select(m => m.TextBody).ToList();
            bodies.Count(b => b.Contains("Sí, claro.")).Should().Be(1, "the reply made on A is e-mailed once");
        }
        catch (Exception e) { problems.Add(e.Message); }

        await subscription.DisposeAsync();
        problems.Should().BeEmpty();
    }

    [ClusterFact]
    public async Task StatusChosenThroughB_IsNotUndoneByHeartbeatsOrThePresenceLapseOnOtherServers()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Clock = clock,
            Options = o => o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60),
        });
        var ws = Ids.Workspace();
        var alice = new AgentId("alice");
        await TimersInAClusterTests.OnlineAsync(cluster.A, ws, alice);
        await cluster.C.Chat.Agents.HeartbeatAsync(ws, alice);
        await cluster.B.Chat.Agents.SetStatusAsync(ws, alice, AgentStatus.Away);
        await cluster.A.Chat.Agents.HeartbeatAsync(ws, alice);

        clock.Advance(TimeSpan.FromSeconds(61)); // the agent grain's grace lapses and writes the last heartbeat
        await cluster.C.Chat.Agents.HeartbeatAsync(ws, alice); // present again: the grain writes the store again
        await Wait.StaysAsync(async () => (await cluster.A.Chat.Agents.GetAsync(ws, alice)).Status == AgentStatus.Away,
            TimeSpan.FromSeconds(2), "Away, as chosen, on every read");
        (await cluster.C.Chat.Agents.GetAsync(ws, alice)).Status.Should().Be(AgentStatus.Away);

        var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
        await cluster.A.Chat.Visitors.RequestAgentAsync(ws, c.Id, t);
        await Wait.StaysAsync(async () => (await cluster.B.Chat.Conversations.GetAsync(ws, c.Id)).AssignedAgentId is null,
            TimeSpan.FromSeconds(2), "an Away agent gets no chat");
        await cluster.C.Chat.Agents.SetStatusAsync(ws, alice, AgentStatus.Online);
        await Wait.UntilAsync(async () => (await cluster.B.Chat.Conversations.GetAsync(ws, c.Id)).AssignedAgentId == alice,
            Deadline, "assigned once she is Online again (she is present)");
    }

    [ClusterFact]
    public async Task LeastBusy_AcrossServers_GivesTheNextChatToTheAgentWithTheFewest()
    {
        await using var cluster = await Cluster.StartAsync(new ClusterSetup { Options = o => o.Routing.Strategy = RoutingStrategy.LeastBusy });
        var ws = Ids.Workspace();
        var a = new AgentId("a");
        var b = new AgentId("b");
        var c3 = new AgentId("c");
        await TimersInAClusterTests.OnlineAsync(cluster.A, ws, a, 5);
        // a gets two chats by claim, through B and C.
        for (var i = 0; i < 2; i++)
        {
            var (c, _) = await cluster.Servers[1 + i].Chat.Conversations.StartAsync(ws);
            await cluster.Servers[1 + i].Chat.Conversations.ClaimAsync(ws, c.Id, a);
        }

        await TimersInAClusterTests.OnlineAsync(cluster.B, ws, b, 5);
        var (c1, _) = await cluster.C.Chat.Conversations.StartAsync(ws);
        await cluster.A.Chat.Conversations.ClaimAsync(ws, c1.Id, b);
        await TimersInAClusterTests.OnlineAsync(cluster.C, ws, c3, 5);

        // Loads a=2, b=1, c=0. Three requests through three servers: c, then b or c, ... never a first.
        var (r, rt) = await cluster.B.Chat.Conversations.StartAsync(ws);
        await cluster.B.Chat.Visitors.RequestAgentAsync(ws, r.Id, rt);
        await Wait.UntilAsync(async () => (await cluster.A.Chat.Conversations.GetAsync(ws, r.Id)).AssignedAgentId == c3, Deadline,
            "the first request goes to the agent with no chat, whichever server the loads were made on");
    }

    [ClusterFact]
    public async Task RightAfterAnAbruptEnd_PublicCallsThroughSurvivors_SucceedOrThrowOnlyLiveChatExceptions_NeverOrleansOrTimeouts()
    {
        await using var cluster = await Cluster.StartAsync(new ClusterSetup
        {
            Clustering = Clustering.PostgreSql,
            Options = o => o.Routing.PresenceTimeout = TimeSpan.FromMinutes(10),
        });
        // Twelve workspaces touched through A (so some router and agent grains live on A).
        var spaces = new List<(WorkspaceId ws, ConversationId id, VisitorToken token)>();
        for (var i = 0; i < 12; i++)
        {
            var ws = Ids.Workspace("raw");
            await TimersInAClusterTests.OnlineAsync(cluster.A, ws, new AgentId("a"), 1);
            var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
            spaces.Add((ws, c.Id, t));
        }

        await cluster.A.AbortAsync();
        var leaks = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var started = DateTime.UtcNow;
        await Task.WhenAll(spaces.Select(async (s, i) =>
        {
            var via = cluster.Servers[1 + i % 2];
            async Task Call(string what, Func<Task> act)
            {
                try { await act(); }
                catch (Exception e) when (e is not LiveChatException and not ArgumentException)
                {
                    leaks.Enqueue($"{what}: {e.GetType().FullName} after {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
                }
                catch (Exception) { }
            }

            await Call("RegisterAsync", () => via.Chat.Agents.RegisterAsync(s.ws, new AgentRegistration(new AgentId("b"), "B", 2)).AsTask());
            await Call("HeartbeatAsync", () => via.Chat.Agents.HeartbeatAsync(s.ws, new AgentId("a")).AsTask());
            await Call("RequestAgentAsync", () => via.Chat.Visitors.RequestAgentAsync(s.ws, s.id, s.token).AsTask());
            await Call("IsAvailableAsync", () => via.Chat.Agents.IsAvailableAsync(s.ws, RoutingTarget.Workspace).AsTask());
        }));
        leaks.Should().BeEmpty("the docs promise only LiveChatException or ArgumentException from the public API; the issue: front-door calls retry through a silo's death");
    }
}
