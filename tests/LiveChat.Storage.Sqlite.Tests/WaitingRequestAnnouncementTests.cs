using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>
/// N1, R8 across a restart: a request waiting for a claim is announced again, once, to every eligible agent (who was told
/// before the restart is not kept, so at least once rather than perhaps never), and the claim withdraws it from the others.
/// </summary>
public sealed class WaitingRequestAnnouncementTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task AfterARestart_AWaitingRequestIsAnnouncedOnceToEveryEligibleAgent_AndTheClaimWithdrawsItFromTheOthers()
    {
        using var database = new TempDatabase();
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        Core.Conversations.ConversationId waiting;
        await using (var run1 = Engine(database))
        {
            var chat = run1.GetRequiredService<LiveChatEngine>();
            await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 5));
            await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
            await chat.Agents.RegisterAsync(Acme, new AgentRegistration(bob, "Bob", 5));
            var started = await chat.Conversations.StartAsync(Acme);
            waiting = (await chat.Conversations.RequestAgentAsync(Acme, started.Conversation.Id)).Conversation.Id;
        }

        await using var run2 = Engine(database);
        var again = run2.GetRequiredService<LiveChatEngine>();
        await using var events = again.Events.Subscribe(Acme);

        await again.Agents.SetStatusAsync(Acme, bob, AgentStatus.Online);
        await again.Conversations.ClaimAsync(Acme, waiting, bob);

        // Events reach publishers off the caller's path (issue 15): wait for the announcements and the claim's notifications.
        var work = run2.GetRequiredService<Core.Internal.BackgroundWork>();
        await run2.GetRequiredService<Router>().WhenIdleAsync();
        await work.WhenIdleAsync();
        await run2.GetRequiredService<Router>().WhenIdleAsync();
        await work.WhenIdleAsync();

        var heard = new List<(AgentId, AgentNotificationKind)>();
        while (events.Reader.TryRead(out var e))
        {
            if (e is AgentNotification n && n.ConversationId == waiting)
            {
                heard.Add((n.AgentId, n.Kind));
            }
        }

        heard.Where(h => h.Item2 == AgentNotificationKind.NewRequest).Select(h => h.Item1).Should().BeEquivalentTo([alice, bob]);
        heard.Where(h => h.Item2 != AgentNotificationKind.NewRequest).Should().Equal(
            (alice, AgentNotificationKind.RequestTaken),
            (bob, AgentNotificationKind.Assigned));
    }

    private static ServiceProvider Engine(TempDatabase database)
        => new ServiceCollection()
            .AddLiveChat(o =>
            {
                o.Routing.Strategy = RoutingStrategy.Manual;
                o.Routing.PresenceTimeout = TimeSpan.FromDays(1);
            })
            .UseSqlite(database.ConnectionString).Services.BuildServiceProvider();
}
