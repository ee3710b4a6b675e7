using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>I8: field layouts say which CRM fields agents see for leads, people and companies.</summary>
public sealed class I8_FieldLayoutTests
{
    [Fact]
    public async Task ARecord_IsShownThroughItsKindsLayout_InTheLayoutsOrder()
    {
        await using var h = new LiveChatHarness();
        var lead = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Lead, Name = "Vera", Email = "vera@example.com", Phone = "+33612345678", Owner = new("alice") });
        h.Chat.Crm.SetFieldLayout(h.Workspace, new CrmFieldLayout(CrmRecordKind.Lead, [CrmField.Phone, CrmField.Name]));

        var view = await h.Chat.Crm.ViewAsync(h.Workspace, lead.Id);

        view.Fields.Should().Equal(new CrmFieldValue(CrmField.Phone, "+33612345678"), new CrmFieldValue(CrmField.Name, "Vera"));
        h.Chat.Crm.GetFieldLayout(new WorkspaceId("other"), CrmRecordKind.Lead).Fields.Should().Equal(CrmFieldLayout.DefaultFor(CrmRecordKind.Lead).Fields, "layouts are per workspace");
    }

    [Fact]
    public async Task PeopleAndCompanies_HaveTheirOwnDefaultLayouts()
    {
        await using var h = new LiveChatHarness();
        var company = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Organization, Name = "Acme", Owner = new("bob") });
        var person = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Wim", OrganizationId = company.Id });
        var deal = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Deal, Name = "Deal", Value = new Money(10m, "CZK") });

        (await h.Chat.Crm.ViewAsync(h.Workspace, company.Id)).Fields.Select(f => f.Value).Should().Equal("Acme", "bob");
        (await h.Chat.Crm.ViewAsync(h.Workspace, person.Id)).Fields.Select(f => f.Field).Should().Equal(CrmField.Name, CrmField.Email, CrmField.Phone, CrmField.Organization);
        (await h.Chat.Crm.ViewAsync(h.Workspace, deal.Id)).Fields.Single(f => f.Field == CrmField.Value).Value.Should().Be("10 CZK");
    }

    [Fact]
    public async Task ALayout_WithAFieldTheKindLacksOrADuplicate_IsRefused_AndTheOldOneStays()
    {
        await using var h = new LiveChatHarness();
        var crm = h.Chat.Crm;

        FluentActions.Invoking(() => crm.SetFieldLayout(h.Workspace, new CrmFieldLayout(CrmRecordKind.Organization, [CrmField.Name, CrmField.Email]))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => crm.SetFieldLayout(h.Workspace, new CrmFieldLayout(CrmRecordKind.Lead, [CrmField.Name, CrmField.Name]))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => crm.SetFieldLayout(h.Workspace, new CrmFieldLayout(CrmRecordKind.Lead, []))).Should().Throw<ArgumentException>();
        crm.GetFieldLayout(h.Workspace, CrmRecordKind.Organization).Fields.Should().Equal(CrmFieldLayout.DefaultFor(CrmRecordKind.Organization).Fields);
    }
}
