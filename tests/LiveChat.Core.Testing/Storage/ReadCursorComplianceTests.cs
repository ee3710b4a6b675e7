using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>Compliance rules of read cursors and unread counts.</summary>
public abstract class ReadCursorComplianceTests : InboxComplianceTests
{
    [Fact]
    public async Task GetReadCursorAsync_NeverAdvanced_IsZero()
    {
        var conversation = await WithVisitorMessagesAsync(3);

        var cursor = await Conversations.GetReadCursorAsync(WorkspaceA, conversation.Id, ReaderId.Visitor);

        cursor.Should().Be(0);
    }

    [Fact]
    public async Task AdvanceReadCursorAsync_Forward_MovesTheCursor()
    {
        var conversation = await WithVisitorMessagesAsync(5);
        var reader = ReaderId.Agent(new AgentId("ann"));

        var first = await Conversations.AdvanceReadCursorAsync(WorkspaceA, conversation.Id, reader, 2);
        var second = await Conversations.AdvanceReadCursorAsync(WorkspaceA, conversation.Id, reader, 4);

        first.Should().Be(2);
        second.Should().Be(4);
        (await Conversations.GetReadCursorAsync(WorkspaceA, conversation.Id, reader)).Should().Be(4);
    }

    [Fact]
    public async Task AdvanceReadCursorAsync_Backward_NeverMovesBack()
    {
        var conversation = await WithVisitorMessagesAsync(5);
        var reader = ReaderId.Agent(new AgentId("ann"));
        await Conversations.AdvanceReadCursorAsync(WorkspaceA, conversation.Id, reader, 4);

        var after = await Conversations.AdvanceReadCursorAsync(WorkspaceA, conversation.Id, reader, 1);

        after.Should().Be(4);
        (await Conversations.GetReadCursorAsync(WorkspaceA, conversation.Id, reader)).Should().Be(4);
    }

    [Fact]
    public async Task AdvanceReadCursorAsync_PastTheLastSequence_ClampsToTheLastSequence()
    {
        var conversation = await WithVisitorMessagesAsync(3);
        var reader = ReaderId.Agent(new AgentId("ann"));

        var cursor = await Conversations.AdvanceReadCursorAsync(WorkspaceA, conversation.Id, reader, 1_000);

        cursor.Should().Be(3);
        (await Conversations.GetReadCursorAsync(WorkspaceA, conversation.Id, reader)).Should().Be(3);
    }

    [Fact]
    public async Task AdvanceReadCursorAsync_ClampedThenNewMessages_NewMessagesAreUnread()
    {
        // A clamped cursor must not pre-read messages that did not exist yet.
        var conversation = await WithVisitorMessagesAsync(2);
        var reader = ReaderId.Agent(new AgentId("ann"));
        await Conversations.AdvanceReadCursorAsync(WorkspaceA, conversation.Id, reader, 10);

        await AppendAsync(conversation, VisitorSays("three"));

        (await Conversations.CountUnreadAsync(WorkspaceA, conversation.Id, reader)).Should().Be(1);
    }

    [Fact]
    public async Task AdvanceReadCursorAsync_OneReader_LeavesOtherReadersCursorsAlone()
    {
        var conversation = await WithVisitorMessagesAsync(5);
        var ann = ReaderId.Agent(new AgentId("ann"));
        var bob = ReaderId.Agent(new AgentId("bob"));

        await Conversations.AdvanceReadCursorAsync(WorkspaceA, conversation.Id, ann, 4);
        await Conversations.AdvanceReadCursorAsync(WorkspaceA, conversation.Id, ReaderId.Visitor, 2);

        (await Conversations.GetReadCursorAsync(WorkspaceA, conversation.Id, ann)).Should().Be(4);
        (await Conversations.GetReadCursorAsync(WorkspaceA, conversation.Id, bob)).Should().Be(0);
        (await Conversations.GetReadCursorAsync(WorkspaceA, conversation.Id, ReaderId.Visitor)).Should().Be(2);
    }

    [Fact]
    public async Task AdvanceReadCursorAsync_OneConversation_LeavesOtherConversationsAlone()
    {
        var first = await WithVisitorMessagesAsync(3);
        var second = await WithVisitorMessagesAsync(3);

        await Conversations.AdvanceReadCursorAsync(WorkspaceA, first.Id, ReaderId.Visitor, 3);

        (await Conversations.GetReadCursorAsync(WorkspaceA, second.Id, ReaderId.Visitor)).Should().Be(0);
    }

    [Fact]
    public async Task CountUnreadAsync_AfterCursor_CountsLaterMessages()
    {
        var conversation = await WithVisitorMessagesAsync(5);
        var reader = ReaderId.Agent(new AgentId("ann"));
        await Conversations.AdvanceReadCursorAsync(WorkspaceA, conversation.Id, reader, 2);

        var unread = await Conversations.CountUnreadAsync(WorkspaceA, conversation.Id, reader);

        unread.Should().Be(3);
    }

    [Fact]
    public async Task CountUnreadAsync_ReadersOwnMessages_AreNotCounted()
    {
        var ann = await RegisterAgentAsync("ann");
        var bob = await RegisterAgentAsync("bob");
        var conversation = await AssignAsync(await CreateAsync(), ann); // 1: system
        await AppendAsync(conversation, VisitorSays("hi"));             // 2: visitor
        await AppendAsync(conversation, AgentSays(ann, "hello"));       // 3: ann
        await AppendAsync(conversation, AgentSays(ann, "how can I help?")); // 4: ann
        await AppendAsync(conversation, VisitorSays("prices"));         // 5: visitor
        await AppendAsync(conversation, AgentSays(bob, "whisper"));     // 6: bob

        (await Conversations.CountUnreadAsync(WorkspaceA, conversation.Id, ReaderId.Visitor)).Should().Be(4);
        (await Conversations.CountUnreadAsync(WorkspaceA, conversation.Id, ReaderId.Agent(ann.Id))).Should().Be(4);
        (await Conversations.CountUnreadAsync(WorkspaceA, conversation.Id, ReaderId.Agent(bob.Id))).Should().Be(5);
    }

    [Fact]
    public async Task CountUnreadAsync_ReadersOwnMessagesAfterCursor_AreNotCounted()
    {
        var ann = await RegisterAgentAsync("ann");
        var conversation = await AssignAsync(await CreateAsync(), ann);
        await AppendAsync(conversation, VisitorSays("hi"));
        await Conversations.AdvanceReadCursorAsync(WorkspaceA, conversation.Id, ReaderId.Agent(ann.Id), 2);
        await AppendAsync(conversation, AgentSays(ann, "hello"));
        await AppendAsync(conversation, VisitorSays("thanks"));

        var unread = await Conversations.CountUnreadAsync(WorkspaceA, conversation.Id, ReaderId.Agent(ann.Id));

        unread.Should().Be(1);
    }

    [Fact]
    public async Task ReadCursorOperations_ConversationOfAnotherWorkspace_ThrowConversationNotFound()
    {
        var conversation = await WithVisitorMessagesAsync(2);

        var advance = () => Conversations.AdvanceReadCursorAsync(WorkspaceB, conversation.Id, ReaderId.Visitor, 2).AsTask();
        var get = () => Conversations.GetReadCursorAsync(WorkspaceB, conversation.Id, ReaderId.Visitor).AsTask();
        var count = () => Conversations.CountUnreadAsync(WorkspaceB, conversation.Id, ReaderId.Visitor).AsTask();

        await advance.Should().ThrowAsync<ConversationNotFoundException>();
        await get.Should().ThrowAsync<ConversationNotFoundException>();
        await count.Should().ThrowAsync<ConversationNotFoundException>();
        (await Conversations.GetReadCursorAsync(WorkspaceA, conversation.Id, ReaderId.Visitor)).Should().Be(0);
    }

    [Fact]
    public async Task CountUnreadManyAsync_SeveralConversations_GivesEachTheCountOfCountUnreadAsync()
    {
        var ann = await RegisterAgentAsync("ann");
        var mixed = await AssignAsync(await CreateAsync(), ann);         // 1: system
        await AppendAsync(mixed, VisitorSays("hi"));                     // 2: visitor
        await AppendAsync(mixed, AgentSays(ann, "hello"));               // 3: ann's own, never unread to her
        await AppendAsync(mixed, VisitorSays("prices"));                 // 4: visitor
        var read = await WithVisitorMessagesAsync(4);
        await Conversations.AdvanceReadCursorAsync(WorkspaceA, read.Id, ReaderId.Agent(ann.Id), 3);
        var allRead = await WithVisitorMessagesAsync(2);
        await Conversations.AdvanceReadCursorAsync(WorkspaceA, allRead.Id, ReaderId.Agent(ann.Id), 2);
        var empty = await CreateAsync();
        var reader = ReaderId.Agent(ann.Id);

        var counts = await Conversations.CountUnreadManyAsync(WorkspaceA, [mixed.Id, read.Id, allRead.Id, empty.Id], reader);

        counts.Should().BeEquivalentTo(new Dictionary<ConversationId, int> { [mixed.Id] = 3, [read.Id] = 1, [allRead.Id] = 0, [empty.Id] = 0 });
        foreach (var (id, count) in counts)
        {
            count.Should().Be(await Conversations.CountUnreadAsync(WorkspaceA, id, reader), "the batch agrees with the single count");
        }
    }

    [Fact]
    public async Task CountUnreadManyAsync_UnknownIdsAndAnotherWorkspacesConversations_AreLeftOut()
    {
        var mine = await WithVisitorMessagesAsync(2);
        var theirs = await CreateAsync(WorkspaceB);
        await AppendAsync(theirs, VisitorSays("secret"));
        var unknown = new ConversationId(Guid.CreateVersion7());

        var counts = await Conversations.CountUnreadManyAsync(WorkspaceA, [unknown, theirs.Id, mine.Id], ReaderId.Visitor);

        counts.Should().BeEquivalentTo(new Dictionary<ConversationId, int> { [mine.Id] = 0 }, "the visitor wrote both of theirs");
        (await Conversations.CountUnreadManyAsync(WorkspaceA, [], ReaderId.Visitor)).Should().BeEmpty();
        (await Conversations.CountUnreadManyAsync(WorkspaceB, [theirs.Id], ReaderId.Agent(new AgentId("ann")))).Should().ContainSingle()
            .Which.Value.Should().Be(1);
    }

    private async Task<Conversation> WithVisitorMessagesAsync(int count)
    {
        var created = await CreateAsync();
        for (var i = 1; i <= count; i++)
        {
            await AppendAsync(created, VisitorSays($"m{i}"));
        }

        return await ReloadAsync(created);
    }
}
