using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>
/// P4 (seed 000): what the offline flow asks does not stay in the bot. Answers validated as an e-mail or a phone, and a
/// name answer, go through identity resolution like the contact form, and land on the contact and its CRM record.
/// </summary>
public sealed class P4_AnswersReachTheCrmTests
{
    [Fact]
    public async Task TheOfflineFlowsEmail_LandsOnTheContact_AndOnTheLeadTheFlowCreated()
    {
        await using var h = new PlaybookHarness();
        await h.TeamsAsync("sales", "support");
        await h.PublishAsync(SeedPlaybooks.Full());
        var visitor = await h.StartAsync();

        foreach (var answer in new[] { "No, not yet", "pricing", "12", "ann@example.com" })
        {
            await h.SayAsync(visitor, answer);
        }

        var lead = (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, (await h.RunAsync(visitor)).CrmRecords[0]))!;
        lead.Kind.Should().Be(CrmRecordKind.Lead);
        lead.Email.Should().Be("ann@example.com");
        var contact = (await h.Chat.Identity.FindByConversationAsync(h.Workspace, visitor.Conversation.Id))!;
        contact.CrmRecord.Should().Be(lead.Id);
        contact.Identifiers.Should().ContainSingle(l => l.Identifier.Kind == IdentifierKind.Email).Which.Identifier.Value.Should().Be("ann@example.com");
        (await h.Chat.Crm.Gateway.FindByEmailAsync(h.Workspace, "ann@example.com")).Should().ContainSingle("the answer fills the flow's lead; it makes no second one");
        var recipient = (await h.Chat.Email.GetRecipientAsync(h.Workspace, visitor.Conversation.Id))!;
        recipient.Address.Address.Should().Be("ann@example.com", "like the offline contact form (E3), the agent's later reply reaches this address");
        recipient.LeftWhileOffline.Should().BeTrue();
    }

    [Fact]
    public async Task ANameAndAPhoneAsked_FileTheVisitor_AndTheLeadActionUsesThatRecord()
    {
        await using var h = new PlaybookHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { DefaultRegion = "FR" });
        await h.PublishAsync(Asking(AnswerValidation.Name, AnswerValidation.Phone));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "Ana Costa");
        await h.SayAsync(visitor, "06 12 34 56 78");

        var contact = (await h.Chat.Identity.FindByConversationAsync(h.Workspace, visitor.Conversation.Id))!;
        contact.Name.Should().Be("Ana Costa");
        var lead = (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, contact.CrmRecord!.Value))!;
        lead.Should().BeEquivalentTo(new { Kind = CrmRecordKind.Lead, Name = "Ana Costa", Phone = "+33612345678" });
        (await h.RunAsync(visitor)).CrmRecords.Should().Equal([lead.Id], "identity resolution filed the visitor; the action lands on that record and says so");
        (await h.ConversationAsync(visitor)).VisitorName.Should().Be("Ana Costa");
    }

    [Fact]
    public async Task APhoneAnswerOfAClientTheCrmHolds_FillsTheirRecord_InsteadOfMakingALead()
    {
        await using var h = new PlaybookHarness();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { DefaultRegion = "FR" });
        var client = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Lou Martin", Email = "lou@example.fr" });
        await h.PublishAsync(Asking(AnswerValidation.Email, AnswerValidation.Phone));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "LOU@example.fr");
        await h.SayAsync(visitor, "06 12 34 56 78");

        (await h.Chat.Identity.FindByConversationAsync(h.Workspace, visitor.Conversation.Id))!.CrmRecord.Should().Be(client.Id);
        (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, client.Id))!.Phone.Should().Be("+33612345678");
        (await h.RunAsync(visitor)).CrmRecords.Should().Equal([client.Id], "the lead action gave way to the client's record, and the host sees where it landed");
    }

    [Fact]
    public async Task ALeadAndADealAction_OnAClientIdentityResolutionFound_ListTheClientAndTheDealAttachedToIt()
    {
        await using var h = new PlaybookHarness();
        var client = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Lou Martin", Email = "lou@example.fr" });
        await h.PublishAsync(Asking(AnswerValidation.Email, AnswerValidation.Name, new CreateLeadAction(), new CreateDealAction { Title = "Offline request" }));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "lou@example.fr");
        await h.SayAsync(visitor, "Lou");

        var records = (await h.RunAsync(visitor)).CrmRecords;
        records.Should().HaveCount(2).And.StartWith(client.Id, "the record both actions landed on is listed once, before the deal");
        var deal = (await h.Chat.Crm.Gateway.FindAsync(h.Workspace, records[1]))!;
        deal.Should().BeEquivalentTo(new { Kind = CrmRecordKind.Deal, Name = "Offline request", PersonId = (CrmRecordId?)client.Id });
    }

    [Fact]
    public async Task APhoneTheRegionCannotPlace_StaysAnAnswer_AndTheFlowGoesOn()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(Asking(AnswerValidation.Phone, AnswerValidation.Name));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "06 12 34 56 78");
        await h.SayAsync(visitor, "Ana");

        (await h.RunAsync(visitor)).Answers.Should().Contain("q1", "06 12 34 56 78");
        var contact = (await h.Chat.Identity.FindByConversationAsync(h.Workspace, visitor.Conversation.Id))!;
        contact.Identifiers.Should().BeEmpty("without a country code or a workspace region the number cannot be normalized");
        contact.Name.Should().Be("Ana");
    }

    private static Playbook Asking(AnswerValidation first, AnswerValidation second, params FollowUpAction[] actions) => new()
    {
        Id = "offline-details",
        Version = 1,
        Language = "en",
        StartCardId = "q1",
        Timers = new PlaybookTimers { ContactFormAfterGreeting = null },
        Cards =
        [
            new FreeTextQuestionCard { Id = "q1", Text = $"Your {first}?", Validation = first, Next = "q2" },
            new FreeTextQuestionCard { Id = "q2", Text = $"Your {second}?", Validation = second, Next = "actions" },
            new FollowUpActionsCard { Id = "actions", Actions = actions.Length == 0 ? [new CreateLeadAction()] : [.. actions], Next = "bye" },
            new EndCard { Id = "bye", Text = "Thanks!" },
        ],
    };
}
