using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>
/// I3, E1 (seed 002): "if a client is found in the CRM with the contact details, the missing data is added to the client
/// form immediately": on the very submission that finds the record, not on a later one; an existing value is never
/// overwritten silently.
/// </summary>
public sealed class I3_E1_EnrichmentOnFirstMatchTests
{
    [Fact]
    public async Task AContactFormWhosePhoneFindsACrmClient_AddsTheEmailTheClientLacks_AtOnce()
    {
        await using var h = IdentityHarness.French();
        var client = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Lou Martin", Phone = "+33612345678" });
        var started = await h.StartAsync();

        await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, started.Conversation.Id, started.VisitorToken, new ContactForm
        {
            Name = "Lou",
            Email = "lou@example.fr",
            Phone = "06 12 34 56 78",
        });

        var record = (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, client.Id))!;
        record.Email.Should().Be("lou@example.fr");
        record.Name.Should().Be("Lou Martin", "a value already there is kept");
        (await h.Chat.Identity.FindByConversationAsync(h.Workspace, started.Conversation.Id))!.CrmRecord.Should().Be(client.Id);
        (await h.Chat.Crm.Gateway.FindByEmailAsync(h.Workspace, "lou@example.fr")).Should().ContainSingle("no lead was made beside the client");
    }

    [Fact]
    public async Task ADifferingValueOnTheFoundRecord_IsKept_AndComesBackAsAProposedChange()
    {
        await using var h = IdentityHarness.French();
        var client = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft
        {
            Kind = CrmRecordKind.Person,
            Name = "Lou Martin",
            Phone = "+33612345678",
            Email = "lou@old.example",
        });
        var conversation = await h.StartOnAsync("webchat");

        var result = await h.IdentifyAsync(conversation, r => r with { Phone = "+33 6 12 34 56 78", Email = "lou@new.example" });

        result.Outcome.Should().Be(IdentifyOutcome.FoundInCrm);
        (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, client.Id))!.Email.Should().Be("lou@old.example");
        result.ProposedChanges.Should().ContainSingle().Which.Should().Be(new ProposedFieldChange("email", "lou@old.example", "lou@new.example"));
    }
}
