using LiveChat.Core.Conversations;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>C7 (conversation side): details panel with deal value, person, organization and notes; created results.</summary>
public sealed class C7_DetailsPanelTests
{
    [Fact]
    public async Task Agent_FillsTheDetailsPanel_AndRecordsCreatedResults_EvenAfterTheEnd()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.AssignedToAsync(alice);
        var id = conversation.Id;

        await h.Chat.Details.UpdateAsync(h.Workspace, id, alice, new ConversationDetailsUpdate { DealValue = new Money(1500m, "eur"), PersonName = "Jana Nováková" });
        await h.Chat.Details.UpdateAsync(h.Workspace, id, alice, new ConversationDetailsUpdate { OrganizationName = "Nováková s.r.o." });
        await h.Chat.Details.AddNoteAsync(h.Workspace, id, alice, "Wants 12 seats");
        await h.Chat.Conversations.EndAsync(h.Workspace, id, alice);
        await h.Chat.Details.AddCreatedResultAsync(h.Workspace, id, alice, CreatedResultKind.Deal, "deal-7", "12 seats");

        var details = (await h.Chat.Conversations.GetAsync(h.Workspace, id)).Details;
        details.DealValue.Should().Be(new Money(1500m, "EUR"));
        details.PersonName.Should().Be("Jana Nováková");
        details.OrganizationName.Should().Be("Nováková s.r.o.");
        details.Notes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { AuthorId = alice, Text = "Wants 12 seats" });
        (await h.Chat.Conversations.GetAsync(h.Workspace, id)).CreatedResults.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Kind = CreatedResultKind.Deal, ExternalId = "deal-7", CreatedBy = alice });
    }

    [Fact]
    public async Task AnotherAgent_CannotWriteTheDetailsOfAConversationTheyDoNotOwn()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var (conversation, _) = await h.AssignedToAsync(alice);

        await FluentActions.Awaiting(() => h.Chat.Details.AddNoteAsync(h.Workspace, conversation.Id, bob, "mine now").AsTask())
            .Should().ThrowAsync<NotAssignedAgentException>();
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).Details.Notes.Should().BeEmpty();
    }

    [Theory]
    [InlineData(-1, "EUR")]
    [InlineData(10, "EURO")]
    [InlineData(10, "E1R")]
    public void Money_WithANegativeAmountOrABadCurrency_IsRefused(decimal amount, string currency)
        => FluentActions.Invoking(() => new Money(amount, currency)).Should().Throw<ArgumentException>();

    [Fact]
    public async Task Details_WithAnOverlongName_AreRefused_AndNothingChanges()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.AssignedToAsync(alice);

        await FluentActions.Awaiting(() => h.Chat.Details.UpdateAsync(h.Workspace, conversation.Id, alice,
                new ConversationDetailsUpdate { PersonName = new string('n', 201), DealValue = new Money(1, "USD") }).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).Details.Should().Be(ConversationDetails.Empty);
    }
}
