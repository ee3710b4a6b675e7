using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Xunit;

namespace LiveChat.Issue13.Checks;

// Fault 6 (seed 000, N1, R8): "Vous recevrez une notification ... dès qu'une discussion est demandée" whatever the
// assignment mode. Every mode that leaves a request waiting notifies the eligible online agents.
public class NotificationInEveryModeChecks
{
    public static TheoryData<RoutingMode, StoreKind> ManualModes => new()
    {
        { RoutingMode.Assign, StoreKind.InMemory },
        { RoutingMode.Offer, StoreKind.InMemory },
        { RoutingMode.Alert, StoreKind.InMemory },
        { RoutingMode.Assign, StoreKind.Sqlite },
    };

    [Theory, MemberData(nameof(ManualModes))]
    public async Task Manual_strategy_request_waiting_in_unassigned_notifies_every_eligible_online_agent(RoutingMode mode, StoreKind store)
    {
        await using var host = TestHost.Create(o => { o.Routing.Strategy = RoutingStrategy.Manual; o.Routing.Mode = mode; }, store);
        var alice = await host.AgentAsync("alice");
        var bob = await host.AgentAsync("bob");
        await using var events = new EventLog(host);

        var (conv, _) = await host.StartAsync();
        var handoff = await host.Chat.Conversations.RequestAgentAsync(host.Ws, conv.Id);

        handoff.Conversation.AssignedAgentId.Should().BeNull("manual: the request waits in Unassigned");
        var notified = (await events.NotificationsAsync(conv.Id))
            .Where(n => n.Kind == AgentNotificationKind.NewRequest).Select(n => n.AgentId).ToList();
        notified.Should().BeEquivalentTo([alice, bob], "every eligible online agent is told about the new request");
    }

    [PostgresFact]
    public Task Manual_strategy_notifies_on_postgresql()
        => Manual_strategy_request_waiting_in_unassigned_notifies_every_eligible_online_agent(RoutingMode.Assign, StoreKind.PostgreSql);

    [Fact]
    public async Task Manual_strategy_does_not_notify_offline_away_full_or_other_team_agents()
    {
        await using var host = TestHost.Create(o => o.Routing.Strategy = RoutingStrategy.Manual);
        await host.Chat.Agents.DefineTeamAsync(host.Ws, new Team(new TeamId("sales"), "Sales"));
        await host.Chat.Agents.DefineTeamAsync(host.Ws, new Team(new TeamId("support"), "Support"));
        var eligible = await host.AgentAsync("eligible", teams: "sales");
        await host.AgentAsync("offline", status: AgentStatus.Offline, teams: "sales");
        await host.AgentAsync("away", status: AgentStatus.Away, teams: "sales");
        var full = await host.AgentAsync("full", capacity: 1, teams: "sales");
        await host.AgentAsync("support-only", teams: "support");
        // Fill "full" to capacity.
        var (busy, _) = await host.StartAsync();
        await host.Chat.Conversations.RequestAgentAsync(host.Ws, busy.Id, RoutingTarget.ToTeam(new TeamId("sales")));
        await host.Chat.Conversations.ClaimAsync(host.Ws, busy.Id, full);
        await using var events = new EventLog(host);

        var (conv, _) = await host.StartAsync();
        await host.Chat.Conversations.RequestAgentAsync(host.Ws, conv.Id, RoutingTarget.ToTeam(new TeamId("sales")));

        var notified = (await events.NotificationsAsync(conv.Id))
            .Where(n => n.Kind == AgentNotificationKind.NewRequest).Select(n => n.AgentId).ToList();
        notified.Should().Equal([eligible]);
    }

    [Fact]
    public async Task Manual_strategy_notification_is_withdrawn_from_the_others_once_one_claims()
    {
        await using var host = TestHost.Create(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var alice = await host.AgentAsync("alice");
        var bob = await host.AgentAsync("bob");
        await using var events = new EventLog(host);
        var (conv, _) = await host.StartAsync();
        await host.Chat.Conversations.RequestAgentAsync(host.Ws, conv.Id);

        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);

        var notes = await events.NotificationsAsync(conv.Id);
        notes.Should().Contain(n => n.AgentId == bob && n.Kind == AgentNotificationKind.NewRequest);
        notes.Should().Contain(n => n.AgentId == bob && n.Kind == AgentNotificationKind.RequestTaken);
    }

    [Fact]
    public async Task Manual_strategy_request_from_the_playbook_live_chat_card_notifies_agents()
    {
        await using var host = TestHost.Create(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var alice = await host.AgentAsync("alice");
        await host.Chat.Playbooks.PublishAsync(host.Ws, new LiveChat.Core.Playbooks.Playbook
        {
            Id = "pb", Version = 1, Language = "en", StartCardId = "greet",
            Cards =
            [
                new LiveChat.Core.Playbooks.MessageCard { Id = "greet", Text = "Hi", Next = "chat" },
                new LiveChat.Core.Playbooks.LiveChatCard { Id = "chat", OfflineFlow = "off" },
                new LiveChat.Core.Playbooks.OfflineFlowCard { Id = "off", Next = "bye" },
                new LiveChat.Core.Playbooks.EndCard { Id = "bye", Text = "Bye" },
            ],
        });
        await using var events = new EventLog(host);

        var (conv, _) = await host.StartAsync();

        (await events.NotificationsAsync(conv.Id)).Should().Contain(n => n.AgentId == alice && n.Kind == AgentNotificationKind.NewRequest);
    }

    [Fact]
    public async Task Request_queued_while_nobody_was_available_notifies_the_agent_who_comes_online_manual()
    {
        await using var host = TestHost.Create(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var alice = await host.AgentAsync("alice", status: AgentStatus.Offline);
        var (conv, _) = await host.StartAsync();
        await host.Chat.Conversations.RequestAgentAsync(host.Ws, conv.Id);
        await using var events = new EventLog(host);

        await host.Chat.Agents.SetStatusAsync(host.Ws, alice, AgentStatus.Online);

        (await events.NotificationsAsync(conv.Id)).Should().Contain(n => n.AgentId == alice && n.Kind == AgentNotificationKind.NewRequest,
            "a request still waiting is announced to an agent who becomes eligible");
    }

    [Theory]
    [InlineData(RoutingMode.Assign, AgentNotificationKind.Assigned)]
    [InlineData(RoutingMode.Offer, AgentNotificationKind.Offered)]
    [InlineData(RoutingMode.Alert, AgentNotificationKind.NewRequest)]
    public async Task Automatic_strategies_tell_someone_control(RoutingMode mode, AgentNotificationKind expected)
    {
        await using var host = TestHost.Create(o => o.Routing.Mode = mode);
        var alice = await host.AgentAsync("alice");
        await using var events = new EventLog(host);
        var (conv, _) = await host.StartAsync();
        await host.Chat.Conversations.RequestAgentAsync(host.Ws, conv.Id);
        (await events.NotificationsAsync(conv.Id)).Should().Contain(n => n.AgentId == alice && n.Kind == expected);
    }
}
