using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using Xunit;

namespace LiveChat.Issue13b.Checks;

// Issue 13 faults 2, 4 and 5 beyond the channel handle: a client first known by a name only or by a phone, the value of
// a lead another contact has, two clients' values at once, the contact form and a playbook's answers, and what the
// visitor may see.
public class OtherFirstIdentityChecks
{
    [Theory]
    [InlineData("start")]    // the host passes the name when the chat opens
    [InlineData("identify")] // the host calls IdentifyAsync with the name alone
    [InlineData("form")]     // the visitor fills the contact form with the name only
    public async Task Name_first_then_client_email_lands_on_the_client_without_a_second_record(string how)
    {
        await using var host = TestHost.Create();
        var client = await host.ClientAsync("Paul Martin", email: Steps.ClientEmail);
        var (conv, token) = await host.StartAsync("webchat", how == "start" ? "Paul" : null);
        if (how == "identify") await host.IdentifyAsync(conv.Id, name: "Paul");
        if (how == "form") await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token, new ContactForm { Name = "Paul" });

        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token,
            new ContactForm { Name = "Paul", Email = "PAUL.Martin@example.fr", Phone = "06 12 34 56 78" });

        (await host.RecordOfAsync(conv.Id)).Should().Be(client.Id, "the e-mail finds the client");
        await host.ShouldHoldOneRecordAsync(client, Steps.ClientEmail, Steps.ClientPhone);
        var now = await host.Crm.FindAsync(host.Ws, client.Id);
        now!.Phone.Should().Be(Steps.ClientPhone, "the client gets the phone it lacked");
        now.Name.Should().Be("Paul Martin", "the client's name is not overwritten by a shorter one");
        (await host.Chat.Conversations.GetAsync(host.Ws, conv.Id)).CreatedResults
            .Should().NotContain(r => r.Kind == CreatedResultKind.Lead, "no lead was made for a known client");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Phone_first_lead_then_client_email_lands_on_the_client_and_no_value_is_held_twice(bool sameConversation)
    {
        await using var host = TestHost.Create();
        var client = await host.ClientAsync("Paul Martin", email: Steps.ClientEmail);
        var (c1, _) = await host.StartAsync("webchat");
        var first = await host.IdentifyAsync(c1.Id, phone: "06 12 34 56 78", name: "Paul");
        var lead = (await host.Crm.FindAsync(host.Ws, first.Contact!.CrmRecord!.Value))!;

        var conv = sameConversation ? c1.Id : (await host.StartAsync("webchat")).Conversation.Id;
        var r = await host.IdentifyAsync(conv, phone: "+33 6 12 34 56 78", email: Steps.ClientEmail);

        r.Contact!.CrmRecord.Should().Be(client.Id, "the e-mail names a client the CRM already holds: the conversation lands on it");
        await host.ShouldHoldOneRecordAsync(client, email: Steps.ClientEmail);
        (await host.Crm.FindByPhoneAsync(host.Ws, Steps.ClientPhone)).Should()
            .HaveCountLessThanOrEqualTo(1, "the SDK must never make two records with one phone");
        await host.LeadShouldHoldNoClientValueAsync(lead, client);
        await host.FeedShouldNameAsync(client.Id, lead);
    }

    [Fact]
    public async Task A_lead_another_contact_has_is_not_duplicated_and_its_history_stays_private()
    {
        await using var host = TestHost.Create();
        var (a, _) = await host.StartAsync("instagram");
        var leadA = await host.HandleFiledAsLeadAsync(a.Id, "ig-anna");
        await host.IdentifyAsync(a.Id, handle: "ig-anna", email: "anna@example.fr");
        (await host.Crm.FindAsync(host.Ws, leadA.Id))!.Email.Should().BeEquivalentTo("anna@example.fr", "setup: A's lead got her e-mail");

        var (b, tokenB) = await host.StartAsync("telegram");
        var leadB = await host.HandleFiledAsLeadAsync(b.Id, "tg-someone");
        var r = await host.IdentifyAsync(b.Id, handle: "tg-someone", email: "ANNA@example.FR");

        await host.ShouldHoldOneRecordAsync(leadA, email: "anna@example.fr");
        (await host.Crm.FindAsync(host.Ws, leadB.Id))?.Email.Should().BeNull("A's e-mail is not copied onto B's lead");
        r.Contact!.CrmRecord.Should().Be(leadA.Id, "the record that holds the e-mail is the one the conversation lands on");
        await host.FeedShouldNameAsync(leadB.Id, leadA);

        // The Telegram writer only typed the address: A's Instagram conversation is not shown to them.
        var history = await host.Chat.Identity.GetVisitorHistoryAsync(host.Ws, b.Id);
        history.Should().NotContain(a.Id, "a typed e-mail never reveals another person's history");
    }

    [Theory]
    [InlineData("instagram")]  // the other writer was a channel-handle lead that merged on the typed address
    [InlineData("webchat")]    // the other writer typed the address in the contact form
    public async Task The_typists_conversation_is_not_shown_to_the_real_client(string typistChannel)
    {
        await using var host = TestHost.Create();
        var client = await host.ClientAsync("Paul Martin", email: Steps.ClientEmail);
        // The real client, proven by his Telegram id.
        var (own, _) = await host.StartAsync("telegram");
        await host.IdentifyAsync(own.Id, handle: "tg-real-paul", email: Steps.ClientEmail);

        // Someone else types his address.
        var (other, token) = await host.StartAsync(typistChannel);
        if (typistChannel == "webchat")
            await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, other.Id, token, new ContactForm { Email = Steps.ClientEmail });
        else
        {
            await host.HandleFiledAsLeadAsync(other.Id, "ig-stranger");
            await host.IdentifyAsync(other.Id, handle: "ig-stranger", email: Steps.ClientEmail);
        }
        await host.Chat.Visitors.PostAsync(host.Ws, other.Id, token, "Mon numéro de carte est 4970 1000 0000 0000");

        (await host.Chat.Identity.GetVisitorHistoryAsync(host.Ws, own.Id)).Should().NotContain(other.Id,
            "what an unproven typist wrote is not shown to the client on his own channel either");
        await host.ShouldHoldOneRecordAsync(client, Steps.ClientEmail);
    }

    [Fact]
    public async Task Values_of_two_different_clients_are_never_crossed_nor_filed_again()
    {
        await using var host = TestHost.Create();
        var x = await host.ClientAsync("Paul Martin", email: Steps.ClientEmail);
        var y = await host.ClientAsync("Jeanne Roy", phone: "+33711223344");
        var (conv, _) = await host.StartAsync("instagram");
        var lead = await host.HandleFiledAsLeadAsync(conv.Id, "ig-mix");

        var r = await host.IdentifyAsync(conv.Id, handle: "ig-mix", email: Steps.ClientEmail, phone: "07 11 22 33 44");

        await host.ShouldHoldOneRecordAsync(x, email: Steps.ClientEmail);
        await host.ShouldHoldOneRecordAsync(y, phone: "+33711223344");
        (await host.Crm.FindAsync(host.Ws, x.Id))!.Phone.Should().BeNull("Jeanne's phone is not copied onto Paul");
        (await host.Crm.FindAsync(host.Ws, y.Id))!.Email.Should().BeNull("Paul's e-mail is not copied onto Jeanne");
        await host.LeadShouldHoldNoClientValueAsync(lead, x);
        await host.LeadShouldHoldNoClientValueAsync(lead, y);
        r.Contact!.CrmRecord.Should().BeOneOf([x.Id, y.Id], "the conversation lands on a client the CRM holds, not on the lead");
    }

    [Theory]
    [InlineData("06 12 34 56 78")]
    [InlineData("+33612345678")]
    [InlineData("tel:+33-6-12-34-56-78")]
    public async Task Webchat_visitor_filed_as_lead_whose_contact_form_phone_finds_the_client(string typedPhone)
    {
        await using var host = TestHost.Create();
        var client = await host.ClientAsync("Hélène Roux", phone: Steps.ClientPhone);
        var (conv, token) = await host.StartAsync("webchat");
        var lead = await host.HandleFiledAsLeadAsync(conv.Id, "visitor-cookie-42");

        var form = await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token,
            new ContactForm { Name = "Hélène", Email = "helene.roux@example.fr", Phone = typedPhone });

        (await host.RecordOfAsync(conv.Id)).Should().Be(client.Id);
        (await host.Crm.FindAsync(host.Ws, client.Id))!.Email.Should().BeEquivalentTo("helene.roux@example.fr",
            "the client gets the e-mail it lacks at once (seed 002)");
        await host.ShouldHoldOneRecordAsync(client, "helene.roux@example.fr", Steps.ClientPhone);
        await host.LeadShouldHoldNoClientValueAsync(lead, client);
        (await host.Crm.FindAsync(host.Ws, lead.Id))?.Email.Should().BeNull("the e-mail goes to the client only");
        await host.FeedShouldNameAsync(client.Id, lead);
        form.Should().NotBeNull();
    }

    private static Playbook OfflineFlow() => new()
    {
        Id = "offline-fr",
        Version = 1,
        Language = "fr",
        StartCardId = "greet",
        Cards =
        [
            new MessageCard { Id = "greet", Text = "Bonjour !", Next = "chat" },
            new LiveChatCard { Id = "chat", OfflineFlow = "offline" },
            new OfflineFlowCard { Id = "offline", Next = "ask-name" },
            new FreeTextQuestionCard { Id = "ask-name", Text = "Votre nom ?", AnswerKey = "name", Next = "ask-email" },
            new FreeTextQuestionCard { Id = "ask-email", Text = "Votre e-mail ?", Validation = AnswerValidation.Email, AnswerKey = "mail", Next = "ask-phone" },
            new FreeTextQuestionCard { Id = "ask-phone", Text = "Votre téléphone ?", Validation = AnswerValidation.Phone, AnswerKey = "tel", Next = "qualify" },
            new QualificationCard { Id = "qualify", Qualified = true, Next = "follow-up" },
            new FollowUpActionsCard { Id = "follow-up", Actions = [new CreateLeadAction()], Next = "bye" },
            new EndCard { Id = "bye", Text = "Merci !" },
        ],
    };

    [Theory]
    [InlineData(null)]        // a website visitor known by nothing
    [InlineData("telegram")]  // a Telegram writer already filed as a lead
    public async Task Playbook_answers_with_a_client_email_land_on_the_client(string? handleChannel)
    {
        await using var host = TestHost.Create();
        var client = await host.ClientAsync("Paul Martin", email: Steps.ClientEmail);
        await host.Chat.Playbooks.PublishAsync(host.Ws, OfflineFlow());
        var (conv, token) = await host.StartAsync(handleChannel ?? "webchat"); // nobody online: the offline flow runs
        CrmRecord? lead = handleChannel is null ? null : await host.HandleFiledAsLeadAsync(conv.Id, "tg-paul");

        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Paul");
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Paul.MARTIN@example.fr");
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "06 12 34 56 78");

        (await host.RecordOfAsync(conv.Id)).Should().Be(client.Id, "the e-mail answer goes through identity resolution");
        await host.ShouldHoldOneRecordAsync(client, Steps.ClientEmail, Steps.ClientPhone);
        (await host.Crm.FindAsync(host.Ws, client.Id))!.Phone.Should().Be(Steps.ClientPhone, "the phone answer fills what the client lacks");
        var run = await host.Chat.Playbooks.GetRunAsync(host.Ws, conv.Id);
        run!.CrmRecords.Should().Contain(client.Id, "the bot's follow-up lands on the client");
        foreach (var id in run.CrmRecords.Where(id => id != client.Id))
        {
            var other = await host.Crm.FindAsync(host.Ws, id);
            (other?.Email ?? "").Should().NotBeEquivalentTo(Steps.ClientEmail, "the bot made no second record with the client's e-mail");
        }
        if (lead is not null)
        {
            await host.LeadShouldHoldNoClientValueAsync(lead, client);
            await host.FeedShouldNameAsync(client.Id, lead);
        }
    }
}
