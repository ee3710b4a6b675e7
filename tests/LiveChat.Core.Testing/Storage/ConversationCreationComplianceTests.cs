using FluentAssertions;
using LiveChat.Core.Conversations;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>Compliance rules of creating and finding conversations.</summary>
public abstract class ConversationCreationComplianceTests : StoreComplianceBase
{
    [Fact]
    public async Task CreateConversation_ThreeInOneWorkspace_NumbersThemOneTwoThree()
    {
        var created = await CreateManyAsync(3);

        created.Select(c => c.Number).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task CreateConversation_InTwoWorkspaces_NumbersEachIndependently()
    {
        var a1 = await CreateAsync(WorkspaceA);
        var b1 = await CreateAsync(WorkspaceB);
        var a2 = await CreateAsync(WorkspaceA);
        var b2 = await CreateAsync(WorkspaceB);
        var b3 = await CreateAsync(WorkspaceB);

        new[] { a1.Number, a2.Number }.Should().Equal(1, 2);
        new[] { b1.Number, b2.Number, b3.Number }.Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task CreateConversation_Always_StartsAtVersionOneWithoutMessages()
    {
        var created = await CreateAsync();

        created.Version.Should().Be(1);
        created.LastSequence.Should().Be(0);
        (await AllMessagesAsync(created)).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateConversation_DraftWithNumberVersionAndSequence_IgnoresThem()
    {
        // The store owns numbering and versioning; whatever the caller put there must not leak in.
        var draft = NewConversation() with { Number = 42, Version = 7, LastSequence = 9 };

        var created = await Conversations.CreateConversationAsync(draft);

        created.Number.Should().Be(1);
        created.Version.Should().Be(1);
        created.LastSequence.Should().Be(0);
    }

    [Fact]
    public async Task CreateConversation_Always_KeepsEveryOtherProperty()
    {
        var draft = NewConversation(visitorName: "Ada") with
        {
            State = ConversationState.BotFlow,
            Channel = "telegram",
            CounterpartName = "Helper",
            Details = ConversationDetails.Empty with { PersonName = "Ada Lovelace", DealValue = new Money(12.5m, "EUR") },
        };

        var created = await Conversations.CreateConversationAsync(draft);

        ShouldMatch(created, draft with { Number = 1, Version = 1, LastSequence = 0 });
    }

    [Fact]
    public async Task FindConversation_AfterCreate_ReturnsTheStoredConversation()
    {
        var created = await CreateAsync();

        var found = await Conversations.FindConversationAsync(WorkspaceA, created.Id);

        found.Should().NotBeNull();
        ShouldMatch(found!, created);
    }

    [Fact]
    public async Task FindConversation_UnknownId_ReturnsNull()
    {
        await CreateAsync();

        var found = await Conversations.FindConversationAsync(WorkspaceA, new ConversationId(Guid.NewGuid()));

        found.Should().BeNull();
    }

    [Fact]
    public async Task FindConversation_InAnotherWorkspace_ReturnsNull()
    {
        var created = await CreateAsync(WorkspaceA);

        var found = await Conversations.FindConversationAsync(WorkspaceB, created.Id);

        found.Should().BeNull();
    }

    [Fact]
    public async Task FindConversation_InWorkspaceNeverUsed_ReturnsNull()
    {
        var found = await Conversations.FindConversationAsync(new WorkspaceId("never-used"), new ConversationId(Guid.NewGuid()));

        found.Should().BeNull();
    }
}
