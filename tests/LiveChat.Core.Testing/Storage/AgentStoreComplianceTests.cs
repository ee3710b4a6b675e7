using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>Compliance rules of <see cref="IAgentStore"/>.</summary>
public abstract class AgentStoreComplianceTests : ReadCursorComplianceTests
{
    [Fact]
    public async Task UpsertAgentAsync_NewAgent_StartsOfflineWithNoConversations()
    {
        var agent = await Agents.UpsertAgentAsync(WorkspaceA, new AgentRegistration(new AgentId("ann"), "Ann", 4), Now);

        var expected = new Agent
        {
            Workspace = WorkspaceA,
            Id = new AgentId("ann"),
            DisplayName = "Ann",
            MaxConcurrentConversations = 4,
            Status = AgentStatus.Offline,
            StatusChangedAt = Now,
            OpenConversations = 0,
        };
        agent.Should().BeEquivalentTo(expected, o => o.ComparingRecordsByMembers());
        (await Agents.FindAgentAsync(WorkspaceA, agent.Id)).Should().BeEquivalentTo(expected, o => o.ComparingRecordsByMembers());
    }

    [Fact]
    public async Task UpsertAgentAsync_RegisteredAgent_UpdatesNameAndCapacityKeepingStatusAndLoad()
    {
        var ann = await RegisterAgentAsync("ann", capacity: 2);
        var statusChangedAt = ann.StatusChangedAt;
        await AssignAsync(await CreateAsync(), ann);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await Agents.UpsertAgentAsync(WorkspaceA, new AgentRegistration(ann.Id, "Ann B.", 7), Now);

        updated.DisplayName.Should().Be("Ann B.");
        updated.MaxConcurrentConversations.Should().Be(7);
        updated.Status.Should().Be(AgentStatus.Online);
        updated.StatusChangedAt.Should().Be(statusChangedAt);
        updated.OpenConversations.Should().Be(1);
        (await ReloadAsync(ann)).Should().BeEquivalentTo(updated, o => o.ComparingRecordsByMembers());
    }

    [Fact]
    public async Task FindAgentAsync_UnknownAgent_ReturnsNull()
    {
        await RegisterAgentAsync("ann");

        (await Agents.FindAgentAsync(WorkspaceA, new AgentId("bob"))).Should().BeNull();
    }

    [Fact]
    public async Task FindAgentAsync_AgentOfAnotherWorkspace_ReturnsNull()
    {
        await RegisterAgentAsync("ann", workspace: WorkspaceA);

        (await Agents.FindAgentAsync(WorkspaceB, new AgentId("ann"))).Should().BeNull();
    }

    [Fact]
    public async Task ListAgentsAsync_Always_ListsInFirstRegistrationOrder()
    {
        await RegisterAgentAsync("carol");
        await RegisterAgentAsync("ann");
        await RegisterAgentAsync("bob");
        // Registering again updates the agent; it does not move them to the end.
        await Agents.UpsertAgentAsync(WorkspaceA, new AgentRegistration(new AgentId("carol"), "Carol 2"), Now);

        var agents = await Agents.ListAgentsAsync(WorkspaceA);

        agents.Select(a => a.Id.Value).Should().Equal("carol", "ann", "bob");
        agents[0].DisplayName.Should().Be("Carol 2");
    }

    [Fact]
    public async Task ListAgentsAsync_TwoWorkspaces_ListsOnlyTheWorkspacesOwn()
    {
        await RegisterAgentAsync("ann", workspace: WorkspaceA);
        await RegisterAgentAsync("bob", workspace: WorkspaceB);
        await RegisterAgentAsync("ann", capacity: 1, workspace: WorkspaceB);

        var a = await Agents.ListAgentsAsync(WorkspaceA);
        var b = await Agents.ListAgentsAsync(WorkspaceB);

        a.Select(x => x.Id.Value).Should().Equal("ann");
        b.Select(x => x.Id.Value).Should().Equal("bob", "ann");
        a.Should().OnlyContain(x => x.Workspace == WorkspaceA);
        b.Single(x => x.Id.Value == "ann").MaxConcurrentConversations.Should().Be(1);
    }

    [Fact]
    public async Task ListAgentsAsync_WorkspaceNeverUsed_ReturnsNothing()
    {
        (await Agents.ListAgentsAsync(new WorkspaceId("never-used"))).Should().BeEmpty();
    }

    [Fact]
    public async Task SetAgentStatusAsync_NewStatus_ChangesStatusAndItsTime()
    {
        var ann = await RegisterAgentAsync("ann", status: AgentStatus.Offline);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var online = await Agents.SetAgentStatusAsync(WorkspaceA, ann.Id, AgentStatus.Online, Now);

        online.Status.Should().Be(AgentStatus.Online);
        online.StatusChangedAt.Should().Be(Now);
        (await ReloadAsync(ann)).Status.Should().Be(AgentStatus.Online);
    }

    [Fact]
    public async Task SetAgentStatusAsync_SameStatus_KeepsTheTimeOfTheLastChange()
    {
        var ann = await RegisterAgentAsync("ann", status: AgentStatus.Online);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var again = await Agents.SetAgentStatusAsync(WorkspaceA, ann.Id, AgentStatus.Online, Now);

        again.StatusChangedAt.Should().Be(ann.StatusChangedAt);
    }

    [Fact]
    public async Task SetAgentStatusAsync_Always_KeepsTheLoad()
    {
        var ann = await RegisterAgentAsync("ann");
        await AssignAsync(await CreateAsync(), ann);

        var away = await Agents.SetAgentStatusAsync(WorkspaceA, ann.Id, AgentStatus.Away, Now);

        away.OpenConversations.Should().Be(1);
        (await OpenConversationsOfAsync(ann)).Should().Be(1);
    }

    [Fact]
    public async Task SetAgentStatusAsync_UnknownAgent_ThrowsAgentNotFound()
    {
        var act = () => Agents.SetAgentStatusAsync(WorkspaceA, new AgentId("nobody"), AgentStatus.Online, Now).AsTask();

        var thrown = await act.Should().ThrowAsync<AgentNotFoundException>();
        thrown.Which.AgentId.Should().Be(new AgentId("nobody"));
        thrown.Which.Workspace.Should().Be(WorkspaceA);
    }

    [Fact]
    public async Task SetAgentStatusAsync_AgentOfAnotherWorkspace_ThrowsAgentNotFoundAndChangesNothing()
    {
        var ann = await RegisterAgentAsync("ann", status: AgentStatus.Offline, workspace: WorkspaceA);

        var act = () => Agents.SetAgentStatusAsync(WorkspaceB, ann.Id, AgentStatus.Online, Now).AsTask();

        await act.Should().ThrowAsync<AgentNotFoundException>();
        (await ReloadAsync(ann)).Status.Should().Be(AgentStatus.Offline);
        (await Agents.ListAgentsAsync(WorkspaceB)).Should().BeEmpty();
    }

    [Fact]
    public async Task UpsertAgentAsync_WithTeams_StoresThemInTheGivenOrder()
    {
        var registration = new AgentRegistration(new AgentId("ann"), "Ann", 2) { Teams = [Sales, Support] };

        var ann = await Agents.UpsertAgentAsync(WorkspaceA, registration, Now);

        ann.Teams.Should().Equal(Sales, Support);
        ann.LastSeenAt.Should().BeNull("a new agent has sent no heartbeat");
        (await ReloadAsync(ann)).Teams.Should().Equal(Sales, Support);
        (await Agents.ListAgentsAsync(WorkspaceA)).Single().Teams.Should().Equal(Sales, Support);
    }

    [Fact]
    public async Task UpsertAgentAsync_RegisteredAgent_ReplacesTeamsKeepingStatusHeartbeatAndLoad()
    {
        var id = new AgentId("ann");
        await Agents.UpsertAgentAsync(WorkspaceA, new AgentRegistration(id, "Ann", 2) { Teams = [Sales, Support] }, Now);
        var online = await Agents.SetAgentStatusAsync(WorkspaceA, id, AgentStatus.Online, Now);
        await AssignAsync(await CreateAsync(), online);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var seen = Now;
        await Agents.RecordHeartbeatAsync(WorkspaceA, id, seen);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var updated = await Agents.UpsertAgentAsync(WorkspaceA, new AgentRegistration(id, "Ann", 2) { Teams = [Vip] }, Now);

        updated.Teams.Should().Equal(Vip);
        updated.Status.Should().Be(AgentStatus.Online);
        updated.StatusChangedAt.Should().Be(online.StatusChangedAt);
        updated.LastSeenAt.Should().Be(seen);
        updated.OpenConversations.Should().Be(1);
        (await ReloadAsync(online)).Should().BeEquivalentTo(updated, o => o.ComparingRecordsByMembers());

        var cleared = await Agents.UpsertAgentAsync(WorkspaceA, new AgentRegistration(id, "Ann", 2), Now);

        cleared.Teams.Should().BeEmpty();
        (await ReloadAsync(online)).Teams.Should().BeEmpty();
    }

    [Fact]
    public async Task RecordHeartbeatAsync_LaterTime_MovesLastSeenForward_AndChangesNothingElse()
    {
        var ann = await RegisterAgentAsync("ann", status: AgentStatus.Away);
        ann.LastSeenAt.Should().BeNull();
        Clock.Advance(TimeSpan.FromSeconds(10));

        var first = await Agents.RecordHeartbeatAsync(WorkspaceA, ann.Id, Now);
        first.LastSeenAt.Should().Be(Now);
        Clock.Advance(TimeSpan.FromSeconds(10));
        var second = await Agents.RecordHeartbeatAsync(WorkspaceA, ann.Id, Now);

        second.LastSeenAt.Should().Be(Now);
        second.Should().BeEquivalentTo(ann with { LastSeenAt = Now }, o => o.ComparingRecordsByMembers());
        (await ReloadAsync(ann)).LastSeenAt.Should().Be(Now);
    }

    [Fact]
    public async Task RecordHeartbeatAsync_EarlierTime_KeepsTheLaterHeartbeat()
    {
        var ann = await RegisterAgentAsync("ann", status: AgentStatus.Offline);
        var later = Now.AddMinutes(5);
        await Agents.RecordHeartbeatAsync(WorkspaceA, ann.Id, later);

        var late = await Agents.RecordHeartbeatAsync(WorkspaceA, ann.Id, Now);

        late.LastSeenAt.Should().Be(later, "a heartbeat that arrives late never moves the last one back");
        (await ReloadAsync(ann)).LastSeenAt.Should().Be(later);
    }

    [Fact]
    public async Task RecordHeartbeatAsync_UnknownAgent_ThrowsAgentNotFound()
    {
        await RegisterAgentAsync("ann", workspace: WorkspaceB);

        var act = () => Agents.RecordHeartbeatAsync(WorkspaceA, new AgentId("ann"), Now).AsTask();

        var thrown = await act.Should().ThrowAsync<AgentNotFoundException>();
        thrown.Which.AgentId.Should().Be(new AgentId("ann"));
        thrown.Which.Workspace.Should().Be(WorkspaceA);
        (await Agents.ListAgentsAsync(WorkspaceA)).Should().BeEmpty();
    }

    [Fact]
    public async Task SetAgentStatusAsync_Online_RecordsAHeartbeat()
    {
        var ann = await RegisterAgentAsync("ann", status: AgentStatus.Offline);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var online = await Agents.SetAgentStatusAsync(WorkspaceA, ann.Id, AgentStatus.Online, Now);

        online.LastSeenAt.Should().Be(Now);
        (await ReloadAsync(ann)).LastSeenAt.Should().Be(Now);

        // Online again, later: the status time stays, the heartbeat moves.
        Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await Agents.SetAgentStatusAsync(WorkspaceA, ann.Id, AgentStatus.Online, Now);
        again.StatusChangedAt.Should().Be(online.StatusChangedAt);
        again.LastSeenAt.Should().Be(Now);
    }

    [Fact]
    public async Task SetAgentStatusAsync_OnlineWithALaterHeartbeat_KeepsIt()
    {
        var ann = await RegisterAgentAsync("ann", status: AgentStatus.Offline);
        var later = Now.AddMinutes(5);
        await Agents.RecordHeartbeatAsync(WorkspaceA, ann.Id, later);

        var online = await Agents.SetAgentStatusAsync(WorkspaceA, ann.Id, AgentStatus.Online, Now);

        online.Status.Should().Be(AgentStatus.Online);
        online.LastSeenAt.Should().Be(later);
    }

    [Fact]
    public async Task SetAgentStatusAsync_NotOnline_LeavesTheHeartbeat()
    {
        var ann = await RegisterAgentAsync("ann", status: AgentStatus.Online);
        var seen = ann.LastSeenAt;
        seen.Should().Be(Now);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var away = await Agents.SetAgentStatusAsync(WorkspaceA, ann.Id, AgentStatus.Away, Now);

        away.LastSeenAt.Should().Be(seen);
        (await ReloadAsync(ann)).LastSeenAt.Should().Be(seen);
    }

    [Fact]
    public async Task UpsertTeamAsync_Teams_ListedInFirstDefinitionOrder_WithTheirLatestNameAndFallback()
    {
        await Agents.UpsertTeamAsync(WorkspaceA, new Team(Support, "Support"));
        var sales = await Agents.UpsertTeamAsync(WorkspaceA, new Team(Sales, "Sales", Support));
        await Agents.UpsertTeamAsync(WorkspaceA, new Team(Vip, "VIP", Sales));
        // Redefining a team changes it in place; it does not move it to the end.
        await Agents.UpsertTeamAsync(WorkspaceA, new Team(Support, "Customer support", Vip));
        await Agents.UpsertTeamAsync(WorkspaceA, new Team(Vip, "VIP"));

        var teams = await Agents.ListTeamsAsync(WorkspaceA);

        sales.Should().Be(new Team(Sales, "Sales", Support));
        teams.Should().Equal(new Team(Support, "Customer support", Vip), new Team(Sales, "Sales", Support), new Team(Vip, "VIP"));
    }

    [Fact]
    public async Task ListTeamsAsync_TwoWorkspaces_ListsOnlyTheWorkspacesOwn()
    {
        await Agents.UpsertTeamAsync(WorkspaceA, new Team(Sales, "Sales"));
        await Agents.UpsertTeamAsync(WorkspaceB, new Team(Support, "Support"));
        await Agents.UpsertTeamAsync(WorkspaceB, new Team(Sales, "Sales B", Support));

        (await Agents.ListTeamsAsync(WorkspaceA)).Should().Equal(new Team(Sales, "Sales"));
        (await Agents.ListTeamsAsync(WorkspaceB)).Should().Equal(new Team(Support, "Support"), new Team(Sales, "Sales B", Support));
        (await Agents.ListTeamsAsync(new WorkspaceId("never-used"))).Should().BeEmpty();
    }
}
