using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>I7: the CRM port and its in-memory default: find, create, notes, notify the owner, edit a lead's phone, activity feed.</summary>
public sealed class I7_CrmPortTests
{
    [Fact]
    public async Task Records_AreFoundByEmailPhoneOrId_AndDealsCarryAValueInACurrency()
    {
        await using var h = new LiveChatHarness();
        var crm = h.Chat.Crm.Gateway;
        var organization = await crm.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Organization, Name = "Acme" });
        var person = await crm.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Rita", Email = "rita@acme.example", Phone = "+33612345678", OrganizationId = organization.Id });
        var deal = await crm.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Deal, Name = "12 seats", Value = new Money(1200m, "EUR"), PersonId = person.Id });

        (await crm.FindAsync(h.Workspace, deal.Id))!.Value.Should().Be(new Money(1200m, "EUR"));
        (await crm.FindByEmailAsync(h.Workspace, " RITA@acme.example")).Should().ContainSingle().Which.Id.Should().Be(person.Id);
        (await crm.FindByPhoneAsync(h.Workspace, "+33612345678")).Should().ContainSingle().Which.Id.Should().Be(person.Id);
        (await crm.FindAsync(h.Workspace, new CrmRecordId("lead-999"))).Should().BeNull();
        (await crm.FindAsync(new WorkspaceId("other"), person.Id)).Should().BeNull("workspaces are isolated");
    }

    [Fact]
    public async Task NotesAndOwnerNotifications_GoToTheFeed_WhichFiltersByType()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var bob = new AgentId("bob");
        var lead = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Lead, Name = "Sam", Owner = bob });

        await h.Chat.Crm.AddNoteAsync(h.Workspace, lead.Id, alice, "Wants a demo on Friday");
        var notification = await h.Chat.Crm.NotifyOwnerAsync(h.Workspace, lead.Id, alice, "Hot lead, call today");

        notification.NotifiedAgentId.Should().Be(bob);
        (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, lead.Id)).Should().HaveCount(2);
        (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, lead.Id, CrmActivityType.Note)).Should().ContainSingle().Which.Text.Should().Be("Wants a demo on Friday");
        (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, lead.Id, CrmActivityType.Chat)).Should().BeEmpty();
    }

    [Fact]
    public async Task NotifyingARecordWithoutOwner_IsRefused()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var lead = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Lead, Name = "Tom" });

        await FluentActions.Awaiting(() => h.Chat.Crm.NotifyOwnerAsync(h.Workspace, lead.Id, alice, "hello").AsTask()).Should().ThrowAsync<CrmRecordHasNoOwnerException>();
        (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, lead.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task APhone_IsAddedAndEditedOnALead_InE164()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var lead = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Lead, Name = "Uma" });

        (await h.Chat.Crm.SetPhoneAsync(h.Workspace, lead.Id, alice, "06 12 34 56 78", "FR")).Phone.Should().Be("+33612345678");
        (await h.Chat.Crm.SetPhoneAsync(h.Workspace, lead.Id, alice, "+420 601 123 456")).Phone.Should().Be("+420601123456");
    }

    [Fact]
    public async Task ADistributionGroup_HandsRecordsOutInTurn()
    {
        await using var h = new LiveChatHarness();
        var crm = h.Chat.Crm.Gateway;
        await crm.SetDistributionGroupAsync(h.Workspace, "emea", [new("a"), new("b"), new("c")]);

        var owners = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            owners.Add((await crm.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Lead, Name = $"L{i}", DistributionGroup = "emea" })).Owner?.Value);
        }

        owners.Should().Equal("a", "b", "c", "a");
    }
}
