using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// Compliance rules of <see cref="IConversationStore.GetMessagesAsync"/> and
/// <see cref="IConversationStore.FindByClientMessageIdAsync"/>.
/// </summary>
public abstract class MessageQueryComplianceTests : AppendComplianceTests
{
    [Fact]
    public async Task GetMessagesAsync_FromZero_ReturnsEveryMessageInOrder()
    {
        var conversation = await WithMessagesAsync(5);

        var page = await Conversations.GetMessagesAsync(WorkspaceA, conversation.Id, 0, 100);

        Sequences(page).Should().Equal(1, 2, 3, 4, 5);
        page.Select(m => m.Text).Should().Equal("m1", "m2", "m3", "m4", "m5");
    }

    [Fact]
    public async Task GetMessagesAsync_AfterSequence_ReturnsOnlyLaterMessages()
    {
        var conversation = await WithMessagesAsync(5);

        var page = await Conversations.GetMessagesAsync(WorkspaceA, conversation.Id, 3, 100);

        Sequences(page).Should().Equal(4, 5);
    }

    [Fact]
    public async Task GetMessagesAsync_WithLimit_ReturnsAtMostLimitMessages()
    {
        var conversation = await WithMessagesAsync(5);

        var page = await Conversations.GetMessagesAsync(WorkspaceA, conversation.Id, 1, 2);

        Sequences(page).Should().Equal(2, 3);
    }

    [Fact]
    public async Task GetMessagesAsync_PagingFromTheLastSequenceSeen_VisitsEveryMessageOnce()
    {
        var conversation = await WithMessagesAsync(7);
        var seen = new List<ChatMessage>();

        for (var after = 0L; ;)
        {
            var page = await Conversations.GetMessagesAsync(WorkspaceA, conversation.Id, after, 3);
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page);
            after = page[^1].Sequence;
        }

        Sequences(seen).Should().Equal(OneTo(7));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    public async Task GetMessagesAsync_AtOrAfterTheLastSequence_ReturnsNothing(long afterSequence)
    {
        var conversation = await WithMessagesAsync(3);

        var page = await Conversations.GetMessagesAsync(WorkspaceA, conversation.Id, afterSequence, 100);

        page.Should().BeEmpty();
    }

    [Fact]
    public async Task GetMessagesAsync_ConversationOfAnotherWorkspace_ThrowsConversationNotFound()
    {
        var conversation = await WithMessagesAsync(1);

        var act = () => Conversations.GetMessagesAsync(WorkspaceB, conversation.Id, 0, 100).AsTask();

        await act.Should().ThrowAsync<ConversationNotFoundException>();
    }

    [Fact]
    public async Task FindByClientMessageIdAsync_KnownId_ReturnsTheMessage()
    {
        var created = await CreateAsync();
        await AppendAsync(created, VisitorSays("first", "c-1"));
        var second = await AppendAsync(created, VisitorSays("second", "c-2"));

        var found = await Conversations.FindByClientMessageIdAsync(WorkspaceA, created.Id, "c-2");

        found.Should().NotBeNull();
        ShouldMatch([found!], [second]);
    }

    [Fact]
    public async Task FindByClientMessageIdAsync_UnknownId_ReturnsNull()
    {
        var created = await CreateAsync();
        await AppendAsync(created, VisitorSays("first", "c-1"));

        var found = await Conversations.FindByClientMessageIdAsync(WorkspaceA, created.Id, "c-2");

        found.Should().BeNull();
    }

    [Fact]
    public async Task FindByClientMessageIdAsync_IdUsedInAnotherConversation_ReturnsNull()
    {
        var first = await CreateAsync();
        var second = await CreateAsync();
        await AppendAsync(first, VisitorSays("first", "c-1"));

        var found = await Conversations.FindByClientMessageIdAsync(WorkspaceA, second.Id, "c-1");

        found.Should().BeNull();
    }

    [Fact]
    public async Task FindByClientMessageIdAsync_ConversationOfAnotherWorkspace_ThrowsConversationNotFound()
    {
        var created = await CreateAsync(WorkspaceA);
        await AppendAsync(created, VisitorSays("first", "c-1"));

        var act = () => Conversations.FindByClientMessageIdAsync(WorkspaceB, created.Id, "c-1").AsTask();

        await act.Should().ThrowAsync<ConversationNotFoundException>();
    }

    private async Task<Conversation> WithMessagesAsync(int count)
    {
        var created = await CreateAsync();
        for (var i = 1; i <= count; i++)
        {
            await AppendAsync(created, VisitorSays($"m{i}"));
        }

        return await ReloadAsync(created);
    }
}
