using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// Compliance rules of assignment inside <see cref="IConversationStore.CommitAsync"/>: the agent is checked and their
/// capacity reserved in the same transaction, and capacity is freed when the conversation leaves them.
/// </summary>
public abstract class AssignmentComplianceTests : CommitComplianceTests
{
    [Fact]
    public async Task CommitAsync_AssignToUnknownAgent_ThrowsAgentNotFound()
    {
        var created = await CreateAsync();
        var nobody = new Agent { Workspace = WorkspaceA, Id = new AgentId("nobody"), DisplayName = "Nobody", MaxConcurrentConversations = 1 };

        var act = () => AssignAsync(created, nobody);

        (await act.Should().ThrowAsync<AgentNotFoundException>()).Which.AgentId.Should().Be(new AgentId("nobody"));
    }

    [Fact]
    public async Task CommitAsync_AssignToAgentOfAnotherWorkspace_ThrowsAgentNotFound()
    {
        var created = await CreateAsync(WorkspaceA);
        var stranger = await RegisterAgentAsync("stranger", workspace: WorkspaceB);

        var act = () => AssignAsync(created, stranger);

        await act.Should().ThrowAsync<AgentNotFoundException>();
        (await OpenConversationsOfAsync(stranger)).Should().Be(0);
    }

    [Theory]
    [InlineData(AgentStatus.Offline)]
    [InlineData(AgentStatus.Away)]
    public async Task CommitAsync_AssignToAgentNotOnline_ThrowsAgentNotAvailable(AgentStatus status)
    {
        var created = await CreateAsync();
        var agent = await RegisterAgentAsync("ann", status: status);

        var act = () => AssignAsync(created, agent);

        var thrown = await act.Should().ThrowAsync<AgentNotAvailableException>();
        thrown.Which.AgentId.Should().Be(agent.Id);
        thrown.Which.Status.Should().Be(status);
    }

    [Fact]
    public async Task CommitAsync_AssignToAgentAtCapacity_ThrowsAgentCapacityExceeded()
    {
        var agent = await RegisterAgentAsync("ann", capacity: 2);
        foreach (var conversation in await CreateManyAsync(2))
        {
            await AssignAsync(conversation, agent);
        }

        var third = await CreateAsync();
        var act = () => AssignAsync(third, agent);

        var thrown = await act.Should().ThrowAsync<AgentCapacityExceededException>();
        thrown.Which.AgentId.Should().Be(agent.Id);
        thrown.Which.MaxConcurrentConversations.Should().Be(2);
    }

    [Fact]
    public async Task CommitAsync_RefusedAssignment_ChangesNothing()
    {
        var owner = await RegisterAgentAsync("owner", capacity: 3);
        var full = await RegisterAgentAsync("full", capacity: 1);
        await AssignAsync(await CreateAsync(), full);
        var conversation = await AssignAsync(await CreateAsync(), owner);
        var messagesBefore = await AllMessagesAsync(conversation);

        // A reassignment to a full agent must neither free the current owner nor append the announcement.
        var act = () => AssignAsync(conversation, full);

        await act.Should().ThrowAsync<AgentCapacityExceededException>();
        ShouldMatch(await ReloadAsync(conversation), conversation);
        ShouldMatch(await AllMessagesAsync(conversation), messagesBefore);
        (await OpenConversationsOfAsync(owner)).Should().Be(1);
        (await OpenConversationsOfAsync(full)).Should().Be(1);
    }

    [Fact]
    public async Task CommitAsync_AssignmentToUnavailableAgent_ChangesNothing()
    {
        var created = await CreateAsync();
        var away = await RegisterAgentAsync("away", status: AgentStatus.Away);

        var act = () => AssignAsync(created, away);

        await act.Should().ThrowAsync<AgentNotAvailableException>();
        ShouldMatch(await ReloadAsync(created), created);
        (await AllMessagesAsync(created)).Should().BeEmpty();
        (await OpenConversationsOfAsync(away)).Should().Be(0);
    }

    [Fact]
    public async Task CommitAsync_Assign_IncrementsOpenConversations()
    {
        var agent = await RegisterAgentAsync("ann");

        await AssignAsync(await CreateAsync(), agent);
        await AssignAsync(await CreateAsync(), agent);

        (await OpenConversationsOfAsync(agent)).Should().Be(2);
    }

    [Fact]
    public async Task CommitAsync_AssignFromOfflineFlow_IncrementsOpenConversations()
    {
        // Offline requests can still be claimed later; that claim counts like any other.
        var agent = await RegisterAgentAsync("ann");
        var offline = await MoveToAsync(await CreateAsync(), ConversationState.Offline);

        var assigned = await AssignAsync(offline, agent);

        assigned.AssignedAgentId.Should().Be(agent.Id);
        (await OpenConversationsOfAsync(agent)).Should().Be(1);
    }

    [Fact]
    public async Task CommitAsync_Reassign_MovesLoadToTheNewOwner()
    {
        var ann = await RegisterAgentAsync("ann");
        var bob = await RegisterAgentAsync("bob");
        var conversation = await AssignAsync(await CreateAsync(), ann);

        var reassigned = await AssignAsync(conversation, bob);

        reassigned.AssignedAgentId.Should().Be(bob.Id);
        (await OpenConversationsOfAsync(ann)).Should().Be(0);
        (await OpenConversationsOfAsync(bob)).Should().Be(1);
    }

    [Fact]
    public async Task CommitAsync_ReassignToOfflineAgent_ThrowsAndKeepsTheOwner()
    {
        var ann = await RegisterAgentAsync("ann");
        var bob = await RegisterAgentAsync("bob", status: AgentStatus.Offline);
        var conversation = await AssignAsync(await CreateAsync(), ann);

        var act = () => AssignAsync(conversation, bob);

        await act.Should().ThrowAsync<AgentNotAvailableException>();
        (await ReloadAsync(conversation)).AssignedAgentId.Should().Be(ann.Id);
        (await OpenConversationsOfAsync(ann)).Should().Be(1);
        (await OpenConversationsOfAsync(bob)).Should().Be(0);
    }

    [Fact]
    public async Task CommitAsync_ChangeKeepingTheOwner_DoesNotCheckOrCountAgain()
    {
        // The owner's capacity was reserved when they got it; a later change (details, name) must neither count it again
        // nor be refused because the owner is now away or full.
        var ann = await RegisterAgentAsync("ann", capacity: 1);
        var conversation = await AssignAsync(await CreateAsync(), ann);
        await Agents.SetAgentStatusAsync(WorkspaceA, ann.Id, AgentStatus.Away, Now);

        var result = await CommitAsync(conversation, c => c with { VisitorName = "Ada" });

        result.Conversation.AssignedAgentId.Should().Be(ann.Id);
        (await OpenConversationsOfAsync(ann)).Should().Be(1);
    }

    [Fact]
    public async Task CommitAsync_EndAssigned_FreesTheOwnersCapacity()
    {
        var ann = await RegisterAgentAsync("ann", capacity: 1);
        var conversation = await AssignAsync(await CreateAsync(), ann);

        var ended = await EndAsync(conversation);

        // The last owner stays recorded on the ended conversation, but no longer counts against them.
        ended.AssignedAgentId.Should().Be(ann.Id);
        (await OpenConversationsOfAsync(ann)).Should().Be(0);
        var next = await AssignAsync(await CreateAsync(), ann);
        next.AssignedAgentId.Should().Be(ann.Id);
    }

    [Fact]
    public async Task CommitAsync_EndAssignedOfAgentNowOffline_StillFreesCapacity()
    {
        var ann = await RegisterAgentAsync("ann");
        var conversation = await AssignAsync(await CreateAsync(), ann);
        await Agents.SetAgentStatusAsync(WorkspaceA, ann.Id, AgentStatus.Offline, Now);

        await EndAsync(conversation);

        (await OpenConversationsOfAsync(ann)).Should().Be(0);
    }

    [Fact]
    public async Task CommitAsync_EndUnassigned_ChangesNoAgentsLoad()
    {
        var ann = await RegisterAgentAsync("ann");
        await AssignAsync(await CreateAsync(), ann);
        var queued = await MoveToAsync(await CreateAsync(), ConversationState.Unassigned);

        await EndAsync(queued);

        (await OpenConversationsOfAsync(ann)).Should().Be(1);
    }

    [Fact]
    public async Task CommitAsync_AssignmentsAcrossWorkspaces_CountSeparately()
    {
        var annA = await RegisterAgentAsync("ann", capacity: 1, workspace: WorkspaceA);
        var annB = await RegisterAgentAsync("ann", capacity: 1, workspace: WorkspaceB);

        await AssignAsync(await CreateAsync(WorkspaceA), annA);
        await AssignAsync(await CreateAsync(WorkspaceB), annB);

        (await OpenConversationsOfAsync(annA)).Should().Be(1);
        (await OpenConversationsOfAsync(annB)).Should().Be(1);
    }
}
