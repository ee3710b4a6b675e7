using FluentAssertions;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using Xunit;

namespace LiveChat.Issue13.Checks;

// Fault 5 (seed 000 "Mode hors ligne", P4): answers the offline flow collects must reach the contact and the CRM lead.
public class PlaybookAnswersLandOnCrmChecks
{
    // Adapted from the outside testers' check, which assumed a free-text answer is a *name* answer when its AnswerKey
    // is "name". The product's rule is that a name answer is a card with Validation = AnswerValidation.Name (the
    // answer key is the host's own label), so the name card says so.
    private static Playbook OfflineFlow(string language = "fr", AnswerValidation? nameValidation = null) => new()
    {
        Id = "offline-" + language,
        Version = 1,
        Language = language,
        StartCardId = "greet",
        Cards =
        [
            new MessageCard { Id = "greet", Text = "Bonjour !", Next = "chat" },
            new LiveChatCard { Id = "chat", OfflineFlow = "offline" },
            new OfflineFlowCard { Id = "offline", Next = "ask-name" },
            new FreeTextQuestionCard { Id = "ask-name", Text = "Votre nom ?", Validation = AnswerValidation.Name, AnswerKey = "name", Next = "ask-email" },
            new FreeTextQuestionCard { Id = "ask-email", Text = "Votre e-mail ?", Validation = AnswerValidation.Email, AnswerKey = "mail", Next = "ask-phone" },
            new FreeTextQuestionCard { Id = "ask-phone", Text = "Votre téléphone ?", Validation = AnswerValidation.Phone, AnswerKey = "tel", Next = "qualify" },
            new QualificationCard { Id = "qualify", Qualified = true, Next = "follow-up" },
            new FollowUpActionsCard { Id = "follow-up", Actions = [new CreateLeadAction()], Next = "bye" },
            new EndCard { Id = "bye", Text = "Merci, à bientôt !" },
        ],
    };

    private static async Task<(TestHost host, LiveChat.Core.Conversations.ConversationId conv)> RunAsync(
        string name, string email, string phone, Func<TestHost, Task>? before = null)
    {
        var host = TestHost.Create();
        host.Chat.Identity.Configure(host.Ws, new IdentitySettings { DefaultRegion = "FR" });
        if (before is not null) await before(host);
        await host.Chat.Playbooks.PublishAsync(host.Ws, OfflineFlow());
        var (conv, token) = await host.StartAsync(); // nobody online: the offline flow runs
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, name);
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, email);
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, phone);
        return (host, conv.Id);
    }

    [Fact]
    public async Task Offline_flow_lead_carries_the_email_phone_and_name_the_bot_asked_for()
    {
        var (host, conv) = await RunAsync("Inès Leroy", "ines.leroy@example.fr", "06 98 76 54 32");
        await using var _ = host;

        var run = await host.Chat.Playbooks.GetRunAsync(host.Ws, conv);
        run!.CrmRecords.Should().NotBeEmpty("the follow-up action created a lead");
        var lead = await host.Chat.Crm.Gateway.FindAsync(host.Ws, run.CrmRecords[0]);

        lead!.Email.Should().BeEquivalentTo("ines.leroy@example.fr");
        lead.Phone.Should().Be("+33698765432", "phone answers go through identity resolution (E.164)");
        lead.Name.Should().Be("Inès Leroy");
    }

    [Fact]
    public async Task Offline_flow_answers_resolve_the_conversation_to_a_contact()
    {
        var (host, conv) = await RunAsync("Inès Leroy", "ines.leroy@example.fr", "0698765432");
        await using var _ = host;

        var contact = await host.Chat.Identity.FindByConversationAsync(host.Ws, conv);

        contact.Should().NotBeNull("e-mail and phone answers go through identity resolution like the contact form");
        contact!.Identifiers.Select(i => i.Identifier.Kind).Should().Contain([IdentifierKind.Email, IdentifierKind.Phone]);
        contact.Name.Should().Be("Inès Leroy");
        (await host.Chat.Identity.FindAsync(host.Ws, ContactIdentifier.Email("ines.leroy@example.fr")))!.Id.Should().Be(contact.Id);
    }

    [Fact]
    public async Task Offline_flow_email_of_an_existing_client_lands_on_that_client_not_a_new_lead()
    {
        CrmRecord? existing = null;
        var (host, conv) = await RunAsync("Paul", "PAUL.MARTIN@example.fr", "0611223344", async h =>
        {
            existing = await h.Chat.Crm.Gateway.CreateAsync(h.Ws,
                new CrmRecordDraft { Kind = CrmRecordKind.Person, Name = "Paul Martin", Email = "paul.martin@example.fr" });
        });
        await using var _ = host;

        (await host.Chat.Crm.Gateway.FindByEmailAsync(host.Ws, "paul.martin@example.fr")).Should().ContainSingle();
        var contact = await host.Chat.Identity.FindByConversationAsync(host.Ws, conv);
        contact.Should().NotBeNull("the e-mail answer resolves the visitor to the existing client");
        contact!.CrmRecord.Should().Be(existing!.Id);
        (await host.Chat.Crm.Gateway.FindAsync(host.Ws, existing.Id))!.Phone.Should().Be("+33611223344",
            "the phone the client lacked is added (I3)");
    }

    [Fact]
    public async Task A_malformed_email_answer_is_refused_and_never_reaches_the_crm()
    {
        await using var host = TestHost.Create();
        await host.Chat.Playbooks.PublishAsync(host.Ws, OfflineFlow());
        var (conv, token) = await host.StartAsync();
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Eve");
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "eve at example dot com");

        var run = await host.Chat.Playbooks.GetRunAsync(host.Ws, conv.Id);
        run!.CardId.Should().Be("ask-email", "the question stays open");
        (await host.Chat.Identity.FindByConversationAsync(host.Ws, conv.Id))?.Identifiers
            .Should().NotContain(i => i.Identifier.Kind == IdentifierKind.Email);
    }
}
