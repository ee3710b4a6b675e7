using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>Compliance rules of <see cref="IConversationStore.AppendAsync"/>: sequencing, idempotency and the version check.</summary>
public abstract class AppendComplianceTests : AssignmentComplianceTests
{
    [Fact]
    public async Task AppendAsync_ThreeMessages_GetsContiguousSequencesAndUpdatesLastSequence()
    {
        var created = await CreateAsync();

        var messages = new[]
        {
            await AppendAsync(created, VisitorSays("one")),
            await AppendAsync(created, VisitorSays("two")),
            await AppendAsync(created, VisitorSays("three")),
        };

        Sequences(messages).Should().Equal(1, 2, 3);
        var reloaded = await ReloadAsync(created);
        reloaded.LastSequence.Should().Be(3);
        reloaded.Version.Should().Be(created.Version, "posting a message does not change the version");
    }

    [Fact]
    public async Task AppendAsync_AfterCommittedMessages_ContinuesTheSequence()
    {
        var created = await CreateAsync();
        var queued = (await CommitAsync(created, c => c with { State = ConversationState.Unassigned }, SystemSays(SystemEvent.Queued))).Conversation;

        var message = await AppendAsync(queued, VisitorSays("still there?"));

        message.Sequence.Should().Be(2);
    }

    [Fact]
    public async Task AppendAsync_Always_StoresTheMessageAsDrafted()
    {
        var created = await CreateAsync();
        var draft = VisitorSays("hello", "c-1");

        var result = await Conversations.AppendAsync(WorkspaceA, created.Id, created.Version, draft);

        result.IsDuplicate.Should().BeFalse();
        var expected = new ChatMessage
        {
            ConversationId = created.Id,
            Sequence = 1,
            Sender = draft.Sender,
            Text = "hello",
            ClientMessageId = "c-1",
            SystemEvent = SystemEvent.None,
            SentAt = draft.SentAt,
        };
        ShouldMatch([result.Message], [expected]);
        ShouldMatch(await AllMessagesAsync(created), [expected]);
    }

    [Fact]
    public async Task AppendAsync_DuplicateClientMessageId_ReturnsTheEarlierMessageAndStoresNothing()
    {
        var created = await CreateAsync();
        var first = await AppendAsync(created, VisitorSays("hello", "c-1"));
        await AppendAsync(created, VisitorSays("second"));
        Clock.Advance(TimeSpan.FromSeconds(5));

        var retry = await Conversations.AppendAsync(WorkspaceA, created.Id, created.Version, VisitorSays("hello", "c-1"));

        retry.IsDuplicate.Should().BeTrue();
        ShouldMatch([retry.Message], [first]);
        Sequences(await AllMessagesAsync(created)).Should().Equal(1, 2);
        (await ReloadAsync(created)).LastSequence.Should().Be(2);
    }

    [Fact]
    public async Task AppendAsync_RetryAfterTheSenderWasRenamed_IsStillADuplicate()
    {
        var created = await CreateAsync();
        var first = await AppendAsync(created, VisitorSays("hello", "c-1"));
        var renamed = VisitorSays("hello", "c-1") with { Sender = new MessageSender(SenderKind.Visitor, "Jana, now introduced") };

        var retry = await Conversations.AppendAsync(WorkspaceA, created.Id, created.Version, renamed);

        retry.IsDuplicate.Should().BeTrue();
        ShouldMatch([retry.Message], [first]);
    }

    [Fact]
    public async Task AppendAsync_SameClientMessageIdWithDifferentText_ThrowsIdempotencyConflictAndStoresNothing()
    {
        var created = await CreateAsync();
        await AppendAsync(created, VisitorSays("hello", "c-1"));

        var act = () => AppendAsync(created, VisitorSays("something else", "c-1"));

        var thrown = await act.Should().ThrowAsync<IdempotencyConflictException>();
        thrown.Which.ClientMessageId.Should().Be("c-1");
        thrown.Which.ConversationId.Should().Be(created.Id);
        Sequences(await AllMessagesAsync(created)).Should().Equal(1);
    }

    [Fact]
    public async Task AppendAsync_SameClientMessageIdFromAnotherSender_ThrowsIdempotencyConflict()
    {
        var created = await CreateAsync();
        var agent = await RegisterAgentAsync("ann");
        await AppendAsync(created, VisitorSays("hello", "c-1"));

        var act = () => AppendAsync(created, AgentSays(agent, "hello", "c-1"));

        await act.Should().ThrowAsync<IdempotencyConflictException>();
        Sequences(await AllMessagesAsync(created)).Should().Equal(1);
    }

    [Fact]
    public async Task AppendAsync_SameClientMessageIdInAnotherConversation_StoresANewMessage()
    {
        var first = await CreateAsync();
        var second = await CreateAsync();
        await AppendAsync(first, VisitorSays("hello", "c-1"));

        var result = await Conversations.AppendAsync(WorkspaceA, second.Id, second.Version, VisitorSays("hello", "c-1"));

        result.IsDuplicate.Should().BeFalse();
        result.Message.ConversationId.Should().Be(second.Id);
        result.Message.Sequence.Should().Be(1);
    }

    [Fact]
    public async Task AppendAsync_StaleVersion_ThrowsConcurrencyConflictAndStoresNothing()
    {
        var created = await CreateAsync();
        await AppendAsync(created, VisitorSays("hello"));
        await MoveToAsync(await ReloadAsync(created), ConversationState.Unassigned);

        var act = () => AppendAsync(created, VisitorSays("late", "c-late"));

        var thrown = await act.Should().ThrowAsync<ConcurrencyConflictException>();
        thrown.Which.ExpectedVersion.Should().Be(1);
        thrown.Which.ActualVersion.Should().Be(2);
        Sequences(await AllMessagesAsync(created)).Should().Equal(1);
        (await Conversations.FindByClientMessageIdAsync(WorkspaceA, created.Id, "c-late")).Should().BeNull();
        (await ReloadAsync(created)).LastSequence.Should().Be(1);
    }

    [Fact]
    public async Task AppendAsync_DuplicateWithStaleVersion_ReturnsTheEarlierMessage()
    {
        // A retry of a message stored before the conversation changed must still succeed, not fail the version check.
        var created = await CreateAsync();
        var first = await AppendAsync(created, VisitorSays("hello", "c-1"));
        await MoveToAsync(created, ConversationState.Unassigned);

        var retry = await Conversations.AppendAsync(WorkspaceA, created.Id, created.Version, VisitorSays("hello", "c-1"));

        retry.IsDuplicate.Should().BeTrue();
        retry.Message.Sequence.Should().Be(first.Sequence);
        Sequences(await AllMessagesAsync(created)).Should().Equal(1);
    }

    [Fact]
    public async Task AppendAsync_UnknownConversation_ThrowsConversationNotFound()
    {
        var act = () => Conversations.AppendAsync(WorkspaceA, new ConversationId(Guid.NewGuid()), 1, VisitorSays("hello")).AsTask();

        await act.Should().ThrowAsync<ConversationNotFoundException>();
    }

    [Fact]
    public async Task AppendAsync_ConversationOfAnotherWorkspace_ThrowsConversationNotFoundAndStoresNothing()
    {
        var created = await CreateAsync(WorkspaceA);

        var act = () => Conversations.AppendAsync(WorkspaceB, created.Id, created.Version, VisitorSays("hello")).AsTask();

        await act.Should().ThrowAsync<ConversationNotFoundException>();
        (await AllMessagesAsync(created)).Should().BeEmpty();
    }
}
