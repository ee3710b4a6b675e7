using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>Compliance rules of <see cref="IConversationStore.QueryInboxAsync"/>: folder membership, order and keyset paging.</summary>
public abstract class InboxComplianceTests : MessageQueryComplianceTests
{
    private static readonly AgentId Nobody = new("nobody");

    [Fact]
    public async Task QueryInboxAsync_Unassigned_HoldsQueuedAndOfflineOldestFirst()
    {
        var ann = await RegisterAgentAsync("ann");
        var all = await CreateManyAsync(6);
        await MoveToAsync(all[4], ConversationState.Offline);
        await MoveToAsync(all[1], ConversationState.Unassigned);
        await AssignAsync(all[2], ann);
        await EndAsync(all[3]);
        await MoveToAsync(all[0], ConversationState.Unassigned);
        // all[5] stays with the bot, so it is in no folder.

        var page = await QueryAsync(InboxFolder.Unassigned, Nobody);

        page.Select(c => c.Number).Should().Equal(1, 2, 5);
    }

    [Fact]
    public async Task QueryInboxAsync_Mine_HoldsOnlyThatAgentsAssignedConversationsOldestFirst()
    {
        var ann = await RegisterAgentAsync("ann", capacity: 5);
        var bob = await RegisterAgentAsync("bob", capacity: 5);
        var all = await CreateManyAsync(6);
        await AssignAsync(all[3], ann);
        await AssignAsync(all[0], ann);
        await AssignAsync(all[1], bob);
        await EndAsync(await AssignAsync(all[2], ann));
        await MoveToAsync(all[4], ConversationState.Unassigned);
        await AssignAsync(await AssignAsync(all[5], ann), bob);

        var mine = await QueryAsync(InboxFolder.Mine, ann.Id);
        var bobs = await QueryAsync(InboxFolder.Mine, bob.Id);

        mine.Select(c => c.Number).Should().Equal(1, 4);
        bobs.Select(c => c.Number).Should().Equal(2, 6);
    }

    [Fact]
    public async Task QueryInboxAsync_Ended_MostRecentlyEndedFirst()
    {
        var all = await CreateManyAsync(4);
        await EndAsync(all[2]);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await EndAsync(all[0]);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await EndAsync(all[3]);

        var page = await QueryAsync(InboxFolder.Ended, Nobody);

        page.Select(c => c.Number).Should().Equal(4, 1, 3);
    }

    [Fact]
    public async Task QueryInboxAsync_EndedAtTheSameTime_HigherNumberFirst()
    {
        var all = await CreateManyAsync(4);
        await EndAsync(all[3]);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await EndAsync(all[0]);
        await EndAsync(all[2]);
        await EndAsync(all[1]);

        var page = await QueryAsync(InboxFolder.Ended, Nobody);

        page.Select(c => c.Number).Should().Equal(3, 2, 1, 4);
    }

    [Fact]
    public async Task QueryInboxAsync_PageSize_ReturnsAtMostThatMany()
    {
        foreach (var conversation in await CreateManyAsync(5))
        {
            await MoveToAsync(conversation, ConversationState.Unassigned);
        }

        var page = await QueryAsync(InboxFolder.Unassigned, Nobody, pageSize: 2);

        page.Select(c => c.Number).Should().Equal(1, 2);
    }

    [Fact]
    public async Task QueryInboxAsync_UnassignedPagedWithCursor_VisitsEachOnceInOrder()
    {
        foreach (var conversation in await CreateManyAsync(7))
        {
            await MoveToAsync(conversation, ConversationState.Unassigned);
        }

        var numbers = await PageThroughAsync(InboxFolder.Unassigned, Nobody, pageSize: 3);

        numbers.Should().Equal(1, 2, 3, 4, 5, 6, 7);
    }

    [Fact]
    public async Task QueryInboxAsync_MinePagedWithCursor_VisitsEachOnceInOrder()
    {
        var ann = await RegisterAgentAsync("ann", capacity: 10);
        foreach (var conversation in await CreateManyAsync(5))
        {
            await AssignAsync(conversation, ann);
        }

        var numbers = await PageThroughAsync(InboxFolder.Mine, ann.Id, pageSize: 2);

        numbers.Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public async Task QueryInboxAsync_EndedPagedWithCursorAcrossTies_VisitsEachOnceInOrder()
    {
        // Pages break inside a group of equal end times, which only the (end time, number) key can resume correctly.
        var all = await CreateManyAsync(7);
        foreach (var index in new[] { 0, 4, 2 })
        {
            await EndAsync(all[index]);
        }

        Clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var index in new[] { 6, 1, 5, 3 })
        {
            await EndAsync(all[index]);
        }

        var numbers = await PageThroughAsync(InboxFolder.Ended, Nobody, pageSize: 2);

        numbers.Should().Equal(7, 6, 4, 2, 5, 3, 1);
    }

    [Fact]
    public async Task QueryInboxAsync_ConversationLeavesFolderBetweenPages_NextPageSkipsNothing()
    {
        // With keyset paging a claim on page one must not shift later conversations out of sight, as an offset would.
        var ann = await RegisterAgentAsync("ann");
        var all = new List<Conversation>();
        foreach (var conversation in await CreateManyAsync(6))
        {
            all.Add(await MoveToAsync(conversation, ConversationState.Unassigned));
        }

        var first = await QueryAsync(InboxFolder.Unassigned, Nobody, pageSize: 3);
        await AssignAsync(all[0], ann);
        var second = await QueryAsync(InboxFolder.Unassigned, Nobody, pageSize: 3, after: new InboxCursor(0, first[^1].Number));

        second.Select(c => c.Number).Should().Equal(4, 5, 6);
    }

    [Fact]
    public async Task QueryInboxAsync_AnotherWorkspace_SeesNoneOfTheseConversations()
    {
        var ann = await RegisterAgentAsync("ann", workspace: WorkspaceA);
        var all = await CreateManyAsync(3, WorkspaceA);
        await MoveToAsync(all[0], ConversationState.Unassigned);
        await AssignAsync(all[1], ann);
        await EndAsync(all[2]);

        foreach (var folder in Enum.GetValues<InboxFolder>())
        {
            (await QueryAsync(folder, ann.Id, workspace: WorkspaceB)).Should().BeEmpty($"{folder} of another workspace is not this one's");
            (await QueryAsync(folder, ann.Id, workspace: WorkspaceA)).Should().ContainSingle();
        }
    }

    [Fact]
    public async Task QueryInboxAsync_WorkspaceNeverUsed_ReturnsNothing()
    {
        var page = await QueryAsync(InboxFolder.Unassigned, Nobody, workspace: new WorkspaceId("never-used"));

        page.Should().BeEmpty();
    }

    private async Task<IReadOnlyList<Conversation>> QueryAsync(
        InboxFolder folder, AgentId agentId, int pageSize = 100, InboxCursor? after = null, WorkspaceId? workspace = null)
        => await Conversations.QueryInboxAsync(new InboxQuery(workspace ?? WorkspaceA, folder, agentId, pageSize, after));

    /// <summary>Walks the folder page by page, building each cursor from the last row exactly as the inbox service does.</summary>
    private async Task<List<long>> PageThroughAsync(InboxFolder folder, AgentId agentId, int pageSize)
    {
        var numbers = new List<long>();
        InboxCursor? after = null;
        while (true)
        {
            var page = await QueryAsync(folder, agentId, pageSize, after);
            page.Count.Should().BeLessThanOrEqualTo(pageSize);
            numbers.AddRange(page.Select(c => c.Number));
            if (page.Count < pageSize)
            {
                return numbers;
            }

            var last = page[^1];
            after = new InboxCursor(folder == InboxFolder.Ended ? last.EndedAt!.Value.UtcTicks : 0, last.Number);
        }
    }
}
