using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>Compliance rules of <see cref="IConversationStore.CommitAsync"/>: versioning, messages and atomicity.</summary>
public abstract class CommitComplianceTests : ConversationCreationComplianceTests
{
    [Fact]
    public async Task CommitAsync_AtExpectedVersion_IncrementsVersionByOne()
    {
        var created = await CreateAsync();

        var first = await MoveToAsync(created, ConversationState.Unassigned);
        var second = await MoveToAsync(first, ConversationState.Offline);

        first.Version.Should().Be(2);
        second.Version.Should().Be(3);
        (await ReloadAsync(created)).Version.Should().Be(3);
    }

    [Fact]
    public async Task CommitAsync_WithMessages_AppendsThemAfterExistingOnesWithContiguousSequences()
    {
        var created = await CreateAsync();
        await AppendAsync(created, VisitorSays("hello"));
        await AppendAsync(created, VisitorSays("anyone?"));

        var result = await CommitAsync(
            await ReloadAsync(created), c => c with { State = ConversationState.Unassigned }, SystemSays(SystemEvent.Queued), SystemSays(SystemEvent.WentOffline));

        Sequences(result.Messages).Should().Equal(3, 4);
        result.Conversation.LastSequence.Should().Be(4);
        Sequences(await AllMessagesAsync(created)).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public async Task CommitAsync_WithMessages_StoresThemAsDrafted()
    {
        var created = await CreateAsync();
        var draft = SystemSays(SystemEvent.Queued);

        var result = await CommitAsync(created, c => c with { State = ConversationState.Unassigned }, draft);

        var expected = new ChatMessage
        {
            ConversationId = created.Id,
            Sequence = 1,
            Sender = draft.Sender,
            Text = draft.Text,
            ClientMessageId = null,
            SystemEvent = SystemEvent.Queued,
            SentAt = draft.SentAt,
        };
        ShouldMatch(result.Messages, [expected]);
        ShouldMatch(await AllMessagesAsync(created), [expected]);
    }

    [Fact]
    public async Task CommitAsync_WithoutMessages_KeepsLastSequence()
    {
        var created = await CreateAsync();
        await AppendAsync(created, VisitorSays("hello"));

        var result = await CommitAsync(await ReloadAsync(created), c => c with { VisitorName = "Ada" });

        result.Messages.Should().BeEmpty();
        result.Conversation.LastSequence.Should().Be(1);
    }

    [Fact]
    public async Task CommitAsync_UpdatedWithWrongVersionSequenceAndNumber_StoreKeepsItsOwn()
    {
        // Version and LastSequence belong to the store, and a conversation's number never changes.
        var created = await CreateAsync();
        await CreateAsync();

        var result = await CommitAsync(created, c => c with { Version = 99, LastSequence = 77, Number = 55 }, SystemSays(SystemEvent.Queued));

        result.Conversation.Version.Should().Be(2);
        result.Conversation.LastSequence.Should().Be(1);
        result.Conversation.Number.Should().Be(1);
        (await ReloadAsync(created)).Number.Should().Be(1);
    }

    [Fact]
    public async Task CommitAsync_Always_StoresEveryProperty()
    {
        var created = await CreateAsync();
        var agent = await RegisterAgentAsync("ann");
        var updated = created with
        {
            State = ConversationState.Assigned,
            AssignedAgentId = agent.Id,
            VisitorName = "Ada",
            CounterpartName = agent.DisplayName,
            Participants = created.Participants.Add(new Participant(SenderKind.Agent, agent.DisplayName, agent.Id, Now)),
            Details = new ConversationDetails
            {
                PersonName = "Ada Lovelace",
                OrganizationName = "Analytical Engines",
                DealValue = new Money(1999.99m, "USD"),
                Notes = [new ConversationNote(agent.Id, "Wants a demo", Now)],
            },
            CreatedResults = [new CreatedResult(CreatedResultKind.Lead, "lead-1", "Ada's lead", agent.Id, Now)],
        };

        var result = await Conversations.CommitAsync(new ConversationCommit(updated, created.Version, []));

        var expected = updated with { Version = 2, LastSequence = 0 };
        ShouldMatch(result.Conversation, expected);
        ShouldMatch(await ReloadAsync(created), expected);
    }

    [Fact]
    public async Task CommitAsync_StaleVersion_ThrowsConcurrencyConflictWithBothVersions()
    {
        var created = await CreateAsync();
        await MoveToAsync(created, ConversationState.Unassigned);

        var act = () => CommitAsync(created, c => c with { State = ConversationState.Offline });

        var thrown = await act.Should().ThrowAsync<ConcurrencyConflictException>();
        thrown.Which.ConversationId.Should().Be(created.Id);
        thrown.Which.ExpectedVersion.Should().Be(1);
        thrown.Which.ActualVersion.Should().Be(2);
    }

    [Fact]
    public async Task CommitAsync_StaleVersion_ChangesNothing()
    {
        var created = await CreateAsync();
        var current = await MoveToAsync(created, ConversationState.Unassigned);
        var messagesBefore = await AllMessagesAsync(created);

        var act = () => CommitAsync(created, c => c with { State = ConversationState.Offline, VisitorName = "Eve" }, SystemSays(SystemEvent.WentOffline));

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        ShouldMatch(await ReloadAsync(created), current);
        ShouldMatch(await AllMessagesAsync(created), messagesBefore);
    }

    [Fact]
    public async Task CommitAsync_UnknownConversation_ThrowsConversationNotFound()
    {
        var act = () => Conversations.CommitAsync(new ConversationCommit(NewConversation() with { Version = 1 }, 1, [])).AsTask();

        await act.Should().ThrowAsync<ConversationNotFoundException>();
    }

    [Fact]
    public async Task CommitAsync_ConversationOfAnotherWorkspace_ThrowsConversationNotFoundAndChangesNothing()
    {
        var created = await CreateAsync(WorkspaceA);

        var act = () => CommitAsync(created, c => c with { Workspace = WorkspaceB, State = ConversationState.Ended, EndedAt = Now }, SystemSays(SystemEvent.Ended));

        await act.Should().ThrowAsync<ConversationNotFoundException>();
        ShouldMatch(await ReloadAsync(created), created);
        (await AllMessagesAsync(created)).Should().BeEmpty();
    }
}
