using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>C7 (CRM side): create a lead or a deal from the details panel, even from an ended conversation; see the created results.</summary>
public sealed class C7_CreateFromConversationTests
{
    [Fact]
    public async Task ADeal_FromAnEndedConversation_TakesTheDetailsPanel_AndListsEveryCreatedRecord()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.AssignedToAsync(alice);
        await h.Chat.Details.UpdateAsync(h.Workspace, conversation.Id, alice, new ConversationDetailsUpdate
        {
            DealValue = new Money(4800m, "EUR"),
            PersonName = "Xavier Roux",
            OrganizationName = "Roux SARL",
        });
        await h.Chat.Conversations.EndAsync(h.Workspace, conversation.Id, alice);

        var deal = await h.Chat.Crm.CreateDealAsync(h.Workspace, conversation.Id, alice, "Roux: 40 licences");

        deal.Value.Should().Be(new Money(4800m, "EUR"));
        deal.Owner.Should().Be(alice);
        var person = await h.Chat.Crm.Gateway.FindAsync(h.Workspace, deal.PersonId!.Value);
        person!.Name.Should().Be("Xavier Roux");
        person.OrganizationId.Should().Be(deal.OrganizationId);
        (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, deal.OrganizationId!.Value))!.Name.Should().Be("Roux SARL");
        var results = (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).CreatedResults;
        results.Select(r => (r.Kind, r.Title)).Should().Equal(
            (CreatedResultKind.Organization, "Roux SARL"), (CreatedResultKind.Person, "Xavier Roux"), (CreatedResultKind.Deal, "Roux: 40 licences"));
        results[^1].ExternalId.Should().Be(deal.Id.Value);
    }

    [Fact]
    public async Task AnotherAgent_CannotCreateFromAConversationTheyDoNotOwn_AndNoRecordIsLeftBehind()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var (conversation, _) = await h.AssignedToAsync(alice);

        await FluentActions.Awaiting(() => h.Chat.Crm.CreateLeadAsync(h.Workspace, conversation.Id, bob).AsTask()).Should().ThrowAsync<NotAssignedAgentException>();
        (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, new CrmRecordId("lead-1"))).Should().BeNull();
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).CreatedResults.Should().BeEmpty();
    }
}
