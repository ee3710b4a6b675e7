using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Tests.Scenarios.Identity;

namespace LiveChat.Core.Tests.Scenarios.Crm;

/// <summary>
/// C7 (seed 001): "Create lead" is offered only when no CRM record matches the client and an e-mail is known. The host
/// asks whether a lead can be created and why not; a duplicate is refused with an error naming the record.
/// </summary>
public sealed class C7_CreateLeadForNewClientsOnlyTests
{
    [Fact]
    public async Task AClientChatTrackingFiled_IsNotOfferedALead_AndADuplicateIsRefusedNamingTheRecord()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.AssignedToAsync(alice);
        var filed = (await h.IdentifyAsync(conversation.Id, r => r with { Email = "yan@example.com", Name = "Yan" })).Contact!.CrmRecord!.Value;

        var eligibility = await h.Chat.Crm.GetLeadEligibilityAsync(h.Workspace, conversation.Id);
        var create = () => h.Chat.Crm.CreateLeadAsync(h.Workspace, conversation.Id, alice, "Yan – pricing").AsTask();

        eligibility.CanCreate.Should().BeFalse();
        eligibility.Refusal.Should().Be(LeadRefusal.RecordMatches);
        eligibility.MatchingRecord!.Id.Should().Be(filed);
        (await create.Should().ThrowAsync<ClientAlreadyInCrmException>()).Which.ExistingRecord.Should().Be(filed);
        (await h.Chat.Crm.Gateway.FindByEmailAsync(h.Workspace, "yan@example.com")).Should().ContainSingle("no second lead with the same e-mail");
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).CreatedResults.Should().BeEmpty();
    }

    [Fact]
    public async Task AClientTheCrmHoldsByEmail_IsNotOfferedALead_EvenWithoutChatTracking()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var person = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Noor", Email = "NOOR@example.com" });
        var started = await h.UntrackedWithEmailAsync(alice, "noor@example.com");

        var eligibility = await h.Chat.Crm.GetLeadEligibilityAsync(h.Workspace, started.Conversation.Id);

        eligibility.Should().BeEquivalentTo(new { CanCreate = false, Refusal = LeadRefusal.RecordMatches, MatchingRecord = person });
        (await FluentActions.Awaiting(() => h.Chat.Crm.CreateLeadAsync(h.Workspace, started.Conversation.Id, alice).AsTask())
            .Should().ThrowAsync<ClientAlreadyInCrmException>()).Which.ExistingRecord.Should().Be(person.Id);
    }

    [Fact]
    public async Task AClientWhoGaveNoEmail_IsNotOfferedALead()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.AssignedToAsync(alice);

        var eligibility = await h.Chat.Crm.GetLeadEligibilityAsync(h.Workspace, conversation.Id);

        eligibility.Should().BeEquivalentTo(new { CanCreate = false, Refusal = LeadRefusal.NoEmail, MatchingRecord = (CrmRecord?)null, Email = (string?)null });
        await FluentActions.Awaiting(() => h.Chat.Crm.CreateLeadAsync(h.Workspace, conversation.Id, alice).AsTask()).Should().ThrowAsync<NoEmailAddressException>();
        (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, new CrmRecordId("lead-1"))).Should().BeNull();
    }

    [Fact]
    public async Task ANewClientWithAnEmail_IsOfferedALead_WhichCarriesTheirDetails_AndIsListedUnderCreatedResults()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var started = await h.UntrackedWithEmailAsync(alice, "noor@example.com");

        var eligibility = await h.Chat.Crm.GetLeadEligibilityAsync(h.Workspace, started.Conversation.Id);
        var lead = await h.Chat.Crm.CreateLeadAsync(h.Workspace, started.Conversation.Id, alice, "Noor – pricing");

        eligibility.Should().BeEquivalentTo(new { CanCreate = true, Refusal = LeadRefusal.None, Email = "noor@example.com" });
        lead.Should().BeEquivalentTo(new { Kind = CrmRecordKind.Lead, Name = "Noor – pricing", Email = "noor@example.com", Owner = alice });
        (await h.Chat.Conversations.GetAsync(h.Workspace, started.Conversation.Id)).CreatedResults.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Kind = CreatedResultKind.Lead, ExternalId = lead.Id.Value, Title = "Noor – pricing", CreatedBy = alice });
        (await h.Chat.Crm.GetLeadEligibilityAsync(h.Workspace, started.Conversation.Id)).Refusal.Should().Be(LeadRefusal.RecordMatches, "the client is in the CRM now");
    }

    [Fact]
    public async Task ALeadCreatedForAConversationWithoutAContact_FilesOne_SoTheClientsLaterDetailsLandOnTheLead()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var started = await h.AssignedToAsync(alice);
        h.Chat.Email.Configure(h.Workspace, new EmailSettings { Sender = EmailAddress.Create("support@acme.example"), WorkspaceName = "ACME" });
        await h.Chat.Visitors.SendTranscriptAsync(h.Workspace, started.Conversation.Id, started.VisitorToken, "zia@example.com");

        var lead = await h.Chat.Crm.CreateLeadAsync(h.Workspace, started.Conversation.Id, alice);
        var later = await h.IdentifyAsync(started.Conversation.Id, r => r with { Phone = "+33612345678" });

        lead.Email.Should().Be("zia@example.com", "the address the visitor left for the transcript is an e-mail given during the chat");
        later.Contact!.CrmRecord.Should().Be(lead.Id);
        (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, lead.Id))!.Phone.Should().Be("+33612345678");
        var nextVisit = await h.IdentifyAsync(await h.StartOnAsync("webchat"), r => r with { Email = "zia@example.com" });
        nextVisit.Should().BeEquivalentTo(new { Outcome = IdentifyOutcome.Matched, Contact = new { later.Contact.Id } }, "the contact holds the address too");
    }

    [Fact]
    public async Task AClientWhoseRecordWasDeletedInTheCrm_IsOfferedALead_WhichTheContactIsFiledUnder()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.AssignedToAsync(alice);
        var contact = (await h.IdentifyAsync(conversation.Id, r => r with { Email = "vic@example.com", Name = "Vic" })).Contact!;
        await h.Chat.Crm.Gateway.EraseAsync(h.Workspace, contact.CrmRecord!.Value);

        (await h.Chat.Crm.GetLeadEligibilityAsync(h.Workspace, conversation.Id)).CanCreate.Should().BeTrue();
        var lead = await h.Chat.Crm.CreateLeadAsync(h.Workspace, conversation.Id, alice);

        (await h.Chat.Identity.GetContactAsync(h.Workspace, contact.Id)).CrmRecord.Should().Be(lead.Id);
    }
}
