using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// Compliance rules of routing state: the routing ticket a conversation carries, and the presence check of
/// <see cref="ConversationCommit.OwnerPresence"/>.
/// </summary>
public abstract class RoutingComplianceTests : AgentStoreComplianceTests
{
    [Fact]
    public async Task CommitAsync_RoutingTicketWithOfferAndPreviousOffer_RoundTripsExactly()
    {
        var ann = new AgentId("ann");
        var bob = new AgentId("bob");
        // Sub-second ticks and a non-UTC offset: the ticket must come back equal, not merely close.
        var queuedAt = new DateTimeOffset(2026, 1, 5, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var ticket = new RoutingTicket(
            RoutingTarget.ToAgent(ann, Sales),
            queuedAt,
            new RoutingOffer(bob, 7, queuedAt.AddSeconds(40), queuedAt.AddSeconds(70).AddTicks(1)),
            new RoutingOffer(ann, 6, queuedAt.AddSeconds(5), queuedAt.AddSeconds(35)));
        var conversation = await CreateAsync();
        conversation.Routing.Should().BeNull();

        var committed = (await CommitAsync(conversation, c => c with { State = ConversationState.Unassigned, Routing = ticket })).Conversation;

        committed.Routing.Should().Be(ticket);
        var found = await ReloadAsync(committed);
        found.Routing.Should().Be(ticket);
        found.Routing!.Target.Kind.Should().Be(RoutingTargetKind.Agent);
        found.Routing.Target.Team.Should().Be(Sales);
        found.Routing.Target.Agent.Should().Be(ann);
        ShouldMatch(found, committed);
    }

    [Fact]
    public async Task CommitAsync_EveryKindOfTarget_RoundTrips_AndATicketCanBeCleared()
    {
        var conversation = await CreateAsync();
        RoutingTicket[] tickets =
        [
            new(RoutingTarget.Workspace, Now),
            new(RoutingTarget.ToTeam(Support), Now.AddSeconds(1)),
            new(RoutingTarget.ToAgent(new AgentId("ann")), Now.AddSeconds(2)),
            new(RoutingTarget.ToAgent(new AgentId("ann"), Vip), Now.AddSeconds(3), PreviousOffer: new RoutingOffer(new AgentId("ann"), 1, Now, Now.AddSeconds(30))),
        ];

        foreach (var ticket in tickets)
        {
            conversation = (await CommitAsync(conversation, c => c with { Routing = ticket })).Conversation;
            (await ReloadAsync(conversation)).Routing.Should().Be(ticket);
        }

        conversation = (await CommitAsync(conversation, c => c with { Routing = null })).Conversation;
        (await ReloadAsync(conversation)).Routing.Should().BeNull();
    }

    [Fact]
    public async Task CreateConversationAsync_WithARoutingTicket_StoresIt()
    {
        var ticket = new RoutingTicket(RoutingTarget.ToTeam(Sales), Now, new RoutingOffer(new AgentId("ann"), 1, Now, Now.AddSeconds(30)));

        var created = await Conversations.CreateConversationAsync(NewConversation() with { Routing = ticket });

        created.Routing.Should().Be(ticket);
        (await ReloadAsync(created)).Routing.Should().Be(ticket);
    }

    [Fact]
    public async Task CommitAsync_OwnerPresenceAfterTheLastHeartbeat_IsRefusedAndChangesNothing()
    {
        var ann = await RegisterAgentAsync("ann");
        var seen = ann.LastSeenAt;
        seen.Should().Be(Now);
        var conversation = await MoveToAsync(await CreateAsync(), ConversationState.Unassigned);
        Clock.Advance(TimeSpan.FromMinutes(2));

        var act = () => Conversations.CommitAsync(new ConversationCommit(Assigned(conversation, ann), conversation.Version, [SystemSays(SystemEvent.AgentJoined)])
        {
            OwnerPresence = SeenSince(Now.AddSeconds(-30)),
        }).AsTask();

        var thrown = (await act.Should().ThrowAsync<AgentNotAvailableException>()).Which;
        thrown.PresenceLapsed.Should().BeTrue();
        thrown.AgentId.Should().Be(ann.Id);
        thrown.Status.Should().Be(AgentStatus.Online);
        thrown.LastSeenAt.Should().Be(seen);
        ShouldMatch(await ReloadAsync(conversation), conversation);
        (await OpenConversationsOfAsync(ann)).Should().Be(0);
        (await AllMessagesAsync(conversation)).Should().BeEmpty();
    }

    [Fact]
    public async Task CommitAsync_OwnerPresenceAtOrBeforeTheLastHeartbeat_TakesTheSeat()
    {
        var ann = await RegisterAgentAsync("ann");
        var bob = await RegisterAgentAsync("bob");
        var first = await MoveToAsync(await CreateAsync(), ConversationState.Unassigned);
        var second = await MoveToAsync(await CreateAsync(), ConversationState.Unassigned);
        Clock.Advance(TimeSpan.FromMinutes(2));
        await Agents.RecordHeartbeatAsync(WorkspaceA, ann.Id, Now.AddSeconds(-10));
        await Agents.RecordHeartbeatAsync(WorkspaceA, bob.Id, Now.AddSeconds(-30));

        var recent = await Conversations.CommitAsync(new ConversationCommit(Assigned(first, ann), first.Version, []) { OwnerPresence = SeenSince(Now.AddSeconds(-30)) });
        var exactlyAtTheLimit = await Conversations.CommitAsync(new ConversationCommit(Assigned(second, bob), second.Version, []) { OwnerPresence = SeenSince(Now.AddSeconds(-30)) });

        recent.Conversation.AssignedAgentId.Should().Be(ann.Id);
        exactlyAtTheLimit.Conversation.AssignedAgentId.Should().Be(bob.Id);
        (await OpenConversationsOfAsync(ann)).Should().Be(1);
        (await OpenConversationsOfAsync(bob)).Should().Be(1);
    }

    [Fact]
    public async Task CommitAsync_OwnerPresence_IsNotCheckedWhenTheCommitTakesNoSeat()
    {
        var ann = await RegisterAgentAsync("ann");
        var conversation = await AssignAsync(await CreateAsync(), ann);
        Clock.Advance(TimeSpan.FromMinutes(10));

        // The owner keeps the conversation: no seat is taken, so a lapsed heartbeat does not matter.
        var result = await Conversations.CommitAsync(new ConversationCommit(conversation with { CounterpartName = "Ann again" }, conversation.Version, [])
        {
            OwnerPresence = SeenSince(Now),
        });

        result.Conversation.CounterpartName.Should().Be("Ann again");
        (await OpenConversationsOfAsync(ann)).Should().Be(1);
    }

    [Fact]
    public async Task CommitAsync_OwnerPresenceForAnAgentWhoIsNotOnline_FailsForTheStatusFirst()
    {
        var ann = await RegisterAgentAsync("ann", status: AgentStatus.Away);
        var conversation = await MoveToAsync(await CreateAsync(), ConversationState.Unassigned);

        var act = () => Conversations.CommitAsync(new ConversationCommit(Assigned(conversation, ann), conversation.Version, []) { OwnerPresence = SeenSince(Now) }).AsTask();

        var thrown = (await act.Should().ThrowAsync<AgentNotAvailableException>()).Which;
        thrown.PresenceLapsed.Should().BeFalse();
        thrown.Status.Should().Be(AgentStatus.Away);
        (await ReloadAsync(conversation)).Version.Should().Be(conversation.Version);
    }

    [Fact]
    public async Task CommitAsync_OwnerPresenceWithAFullAgent_FailsForPresenceBeforeCapacity()
    {
        var ann = await RegisterAgentAsync("ann", capacity: 1);
        await AssignAsync(await CreateAsync(), ann);
        var conversation = await MoveToAsync(await CreateAsync(), ConversationState.Unassigned);
        Clock.Advance(TimeSpan.FromMinutes(2));

        var lapsed = () => Conversations.CommitAsync(new ConversationCommit(Assigned(conversation, ann), conversation.Version, []) { OwnerPresence = SeenSince(Now) }).AsTask();
        var full = () => Conversations.CommitAsync(new ConversationCommit(Assigned(conversation, ann), conversation.Version, []) { OwnerPresence = SeenSince(ann.LastSeenAt) }).AsTask();

        (await lapsed.Should().ThrowAsync<AgentNotAvailableException>()).Which.PresenceLapsed.Should().BeTrue();
        await full.Should().ThrowAsync<AgentCapacityExceededException>();
        (await OpenConversationsOfAsync(ann)).Should().Be(1);
    }

    [Fact]
    public async Task QueryInboxAsync_UnassignedWithoutAnAgent_ListsTheQueue()
    {
        var queued = await MoveToAsync(await CreateAsync(), ConversationState.Unassigned);
        await CreateAsync();

        var page = await Conversations.QueryInboxAsync(new InboxQuery(WorkspaceA, InboxFolder.Unassigned, default, 10, null));

        page.Select(c => c.Id).Should().Equal(queued.Id);
    }

    private Conversation Assigned(Conversation current, Agent agent) => current with
    {
        State = ConversationState.Assigned,
        AssignedAgentId = agent.Id,
        CounterpartName = agent.DisplayName,
        Participants = current.Participants.Add(new Participant(SenderKind.Agent, agent.DisplayName, agent.Id, Now)),
    };

    /// <summary>A presence requirement whose <see cref="PresenceRequirement.SeenSince"/> is <paramref name="since"/>.</summary>
    private static PresenceRequirement SeenSince(DateTimeOffset? since)
        => new(new FixedClock(since!.Value + TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1)), TimeSpan.FromMinutes(1));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
