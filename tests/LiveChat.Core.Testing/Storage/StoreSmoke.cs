using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// One short pass through a store's main paths, for a store opened on a database made some other way (an older schema,
/// a restored file): register an agent, put them online, create a conversation, assign it, and read it back through the
/// inbox, with the agent's load counted.
/// </summary>
public static class StoreSmoke
{
    /// <summary>Runs the pass in workspace <paramref name="workspace"/> of <paramref name="store"/>; throws if any step misbehaves.</summary>
    public static async Task AssignAndReadBackAsync<TStore>(TStore store, WorkspaceId workspace)
        where TStore : IConversationStore, IAgentStore
    {
        var now = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var ann = await store.UpsertAgentAsync(workspace, new AgentRegistration(new AgentId("ann"), "Ann", 2), now);
        await store.SetAgentStatusAsync(workspace, ann.Id, AgentStatus.Online, now);
        var created = await store.CreateConversationAsync(new Conversation
        {
            Workspace = workspace,
            Id = new ConversationId(Guid.CreateVersion7()),
            Channel = "webchat",
            VisitorName = "Visitor",
            VisitorTokenHash = new string('0', 64),
            CounterpartName = "Bot",
            StartedAt = now,
        });
        var assigned = (await store.CommitAsync(new ConversationCommit(
            created with { State = ConversationState.Assigned, AssignedAgentId = ann.Id, CounterpartName = "Ann" }, created.Version, []))).Conversation;

        (await store.QueryInboxAsync(new InboxQuery(workspace, InboxFolder.Mine, ann.Id, 10, null))).Should().ContainSingle().Which.Should().BeEquivalentTo(assigned);
        (await store.FindAgentAsync(workspace, ann.Id))!.OpenConversations.Should().Be(1);
    }
}
