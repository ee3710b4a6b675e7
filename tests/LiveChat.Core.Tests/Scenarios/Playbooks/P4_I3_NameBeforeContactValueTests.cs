using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>
/// P4 and I3 (seed 000, issue 13 fault 5): an offline flow that asks the name before the e-mail or phone. A name alone
/// is nobody the CRM can find or reach: it names the contact and files no CRM record. The CRM is looked up, and a lead
/// filed, when the first e-mail or phone arrives, so an existing client's e-mail lands on that client, not on a second
/// lead. A name-only visitor leaves a named contact and nothing in the CRM, unless the flow's own follow-up actions
/// create a record.
/// </summary>
public sealed class P4_I3_NameBeforeContactValueTests
{
    public static TheoryData<AnswerValidation, string> ContactValues() => new()
    {
        { AnswerValidation.Email, "CAMILLE.ROUX@example.fr" },
        { AnswerValidation.Phone, "07 55 44 33 22" },
    };

    [Theory]
    [MemberData(nameof(ContactValues))]
    public async Task NameThenEmailOrPhone_OfAClientTheCrmHolds_LandsOnThatClient_AndFilesNoLead(AnswerValidation kind, string value)
    {
        await using var h = Harness(out var crm);
        var client = await crm.CreateAsync(h.Workspace,
            new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Camille Roux", Email = "camille.roux@example.fr", Phone = "+33755443322" });
        await h.PublishAsync(OfflineFlow(kind, new CreateLeadAction()));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "Camille");
        await h.SayAsync(visitor, value);

        crm.Created.Should().Equal([client], "the name alone filed nobody, and the contact value found the client");
        var contact = (await h.Chat.Identity.FindByConversationAsync(h.Workspace, visitor.Conversation.Id))!;
        contact.CrmRecord.Should().Be(client.Id);
        contact.Name.Should().Be("Camille");
        (await h.RunAsync(visitor)).CrmRecords.Should().Equal([client.Id], "the flow's lead action lands on the client");
        (await crm.FindAsync(h.Workspace, client.Id))!.Name.Should().Be("Camille Roux", "a real CRM name is never replaced");
    }

    [Theory]
    [MemberData(nameof(ContactValues))]
    public async Task NameThenEmailOrPhone_OfANewClient_FilesOneLead_NamedAndReachable(AnswerValidation kind, string value)
    {
        await using var h = Harness(out var crm);
        await h.PublishAsync(OfflineFlow(kind, new CreateLeadAction()));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "Camille Roux");
        await h.SayAsync(visitor, value);

        var lead = crm.Created.Should().ContainSingle().Which;
        lead.Kind.Should().Be(CrmRecordKind.Lead);
        lead = (await crm.FindAsync(h.Workspace, lead.Id))!;
        lead.Name.Should().Be("Camille Roux");
        (kind == AnswerValidation.Email ? lead.Email : lead.Phone).Should().BeEquivalentTo(kind == AnswerValidation.Email ? "camille.roux@example.fr" : "+33755443322");
        (await h.Chat.Identity.FindByConversationAsync(h.Workspace, visitor.Conversation.Id))!.CrmRecord.Should().Be(lead.Id);
        (await h.RunAsync(visitor)).CrmRecords.Should().Equal([lead.Id]);
    }

    [Fact]
    public async Task NameOnly_AndTheConversationEnds_LeavesANamedContact_AndNothingInTheCrm()
    {
        await using var h = Harness(out var crm);
        await h.PublishAsync(OfflineFlow(null));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "Camille");
        await h.Chat.Conversations.EndAsync(h.Workspace, visitor.Conversation.Id);

        crm.Created.Should().BeEmpty("a name is nobody the CRM can find or reach");
        var contact = (await h.Chat.Identity.FindByConversationAsync(h.Workspace, visitor.Conversation.Id))!;
        contact.Name.Should().Be("Camille");
        contact.CrmRecord.Should().BeNull();
        (await h.ConversationAsync(visitor)).State.Should().Be(ConversationState.Ended);
    }

    [Fact]
    public async Task AHostNamingAContactFirst_ThenGivingTheEmailOfAClient_LandsOnThatClient()
    {
        await using var h = Harness(out var crm);
        var client = await crm.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Camille Roux", Email = "camille.roux@example.fr" });
        var visitor = await h.StartAsync();
        var id = visitor.Conversation.Id;

        var named = await h.Chat.Identity.IdentifyAsync(h.Workspace, new IdentifyRequest { ConversationId = id, Name = "Camille" });
        var found = await h.Chat.Identity.IdentifyAsync(h.Workspace, new IdentifyRequest { ConversationId = id, Email = "camille.roux@example.fr" });

        named.Contact!.CrmRecord.Should().BeNull();
        found.Outcome.Should().Be(IdentifyOutcome.FoundInCrm);
        found.Contact!.Id.Should().Be(named.Contact.Id);
        found.Contact.CrmRecord.Should().Be(client.Id);
        crm.Created.Should().Equal([client]);
    }

    private static PlaybookHarness Harness(out RecordingCrm crm)
    {
        RecordingCrm? made = null;
        var h = new PlaybookHarness(register: s => s.AddSingleton<ICrmGateway>(sp => made = new RecordingCrm(sp.GetRequiredService<TimeProvider>())));
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { DefaultRegion = "FR" });
        crm = made ?? (RecordingCrm)h.Chat.Crm.Gateway;
        return h;
    }

    /// <summary>Seed 000's offline flow: nobody is online, so the live-chat card goes to the offline cards, which ask the name first.</summary>
    private static Playbook OfflineFlow(AnswerValidation? then, params FollowUpAction[] actions) => new()
    {
        Id = "offline-name-first",
        Version = 1,
        Language = "fr",
        StartCardId = "chat",
        Timers = new PlaybookTimers { ContactFormAfterGreeting = null },
        Cards =
        [
            new LiveChatCard { Id = "chat", OfflineFlow = "offline" },
            new OfflineFlowCard { Id = "offline", Next = "ask-name" },
            new FreeTextQuestionCard { Id = "ask-name", Text = "Votre nom ?", Validation = AnswerValidation.Name, Next = then is null ? "bye" : "ask-contact" },
            .. then is { } kind
                ? (PlaybookCard[])
                [
                    new FreeTextQuestionCard { Id = "ask-contact", Text = "Comment vous joindre ?", Validation = kind, Next = "actions" },
                    new FollowUpActionsCard { Id = "actions", Actions = [.. actions], Next = "bye" },
                ]
                : [],
            new EndCard { Id = "bye", Text = "Merci, à bientôt !" },
        ],
    };
}
