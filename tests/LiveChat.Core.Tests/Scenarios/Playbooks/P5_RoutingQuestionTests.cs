using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>P5 and the seed 004 rule: "are you a customer?" only on new inbound conversations of anonymous visitors, in every language.</summary>
public sealed class P5_RoutingQuestionTests
{
    [Fact]
    public async Task AnAnonymousNewVisitor_IsAskedWhetherTheyAreACustomer()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full());

        var visitor = await h.StartAsync();

        (await h.BotSaysAsync(visitor)).Should().Equal("Hi! I'm Leo.", "Are you already a customer?\n1. Yes, I'm a customer\n2. No, not yet");
        (await h.RunAsync(visitor)).Should().BeEquivalentTo(new { CardId = "route", Status = PlaybookRunStatus.Waiting });
    }

    [Fact]
    public async Task Seed004_TheQuestionNeverFiresOnAnOngoingConversation()
    {
        await using var h = new PlaybookHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var ongoing = await h.StartAsync();
        await h.Chat.Conversations.ClaimAsync(h.Workspace, ongoing.Conversation.Id, alice);
        await h.Chat.Conversations.PostAgentMessageAsync(h.Workspace, ongoing.Conversation.Id, alice, "How can I help?");
        await h.PublishAsync(SeedPlaybooks.Full());

        await h.SayAsync(ongoing, "I have a question about my invoice");
        var started = await h.Chat.Playbooks.StartAsync(h.Workspace, ongoing.Conversation.Id);

        started.Should().BeNull();
        (await h.BotSaysAsync(ongoing)).Should().BeEmpty();
        (await h.Chat.Playbooks.GetRunAsync(h.Workspace, ongoing.Conversation.Id)).Should().BeNull();
    }

    [Fact]
    public async Task Seed004_AQueuedConversation_SkipsTheQuestionToo()
    {
        await using var h = new PlaybookHarness();
        var visitor = await h.StartAsync();
        await h.Chat.Conversations.RequestAgentAsync(h.Workspace, visitor.Conversation.Id);
        await h.PublishAsync(SeedPlaybooks.Full());

        await h.SayAsync(visitor, "hello?");

        (await h.BotSaysAsync(visitor)).Should().BeEmpty("the conversation left the bot flow before the playbook existed");
    }

    [Fact]
    public async Task AKnownContact_IsNotAsked_AndGoesTheCustomerWayWithoutTheForm()
    {
        await using var h = new PlaybookHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        await h.TeamsAsync("sales", "support");
        await h.OnlineAgentAsync("sue", 5, "support");
        var playbook = SeedPlaybooks.Full() with { StartCardId = "ask-name", Cards = [new FreeTextQuestionCard { Id = "ask-name", Text = "Your name?", Next = "greet" }, .. SeedPlaybooks.Full().Cards] };
        await h.PublishAsync(playbook);
        var visitor = await h.StartAsync();
        await h.Chat.Identity.IdentifyAsync(h.Workspace, new IdentifyRequest { ConversationId = visitor.Conversation.Id, Email = "ann@example.com", Name = "Ann" });

        await h.SayAsync(visitor, "Ann");

        (await h.BotSaysAsync(visitor)).Should().Equal("Your name?", "Hi! I'm Leo.");
        (await h.RunAsync(visitor)).Status.Should().Be(PlaybookRunStatus.HandedOff);
        (await h.ConversationAsync(visitor)).Routing!.Target.Team.Should().Be(new TeamId("support"));
    }

    [Fact]
    public async Task Customer_GivesContactDetails_ThenIsRoutedToTheChosenTeam()
    {
        await using var h = new PlaybookHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        await h.TeamsAsync("sales", "support");
        await h.OnlineAgentAsync("sue", 5, "support");
        await h.PublishAsync(SeedPlaybooks.Full());
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "yes");
        (await h.RunAsync(visitor)).Should().BeEquivalentTo(new { CardId = "customer-form", PendingForm = PlaybookFormKind.ContactForm });
        (await h.FormsAsync()).Should().ContainSingle(f => f.Kind == PlaybookFormKind.ContactForm);
        var result = await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, visitor.Conversation.Id, visitor.VisitorToken,
            new ContactForm { Name = "Ann Smith", Email = "ann@example.com", Phone = "+33612345678" });

        result.Outcome.Should().Be(IdentifyOutcome.Created);
        result.Contact!.Name.Should().Be("Ann Smith");
        (await h.RunAsync(visitor)).Should().BeEquivalentTo(new { Status = PlaybookRunStatus.HandedOff, PendingForm = (PlaybookFormKind?)null });
        (await h.RunAsync(visitor)).Answers.Should().Contain("route", "customer");
        var conversation = await h.ConversationAsync(visitor);
        conversation.State.Should().Be(ConversationState.Unassigned);
        conversation.Routing!.Target.Team.Should().Be(new TeamId("support"));
        (await h.MessagesAsync(visitor)).Should().Contain(m => m.SystemEvent == SystemEvent.ContactFormSubmitted && m.Text == "Name: Ann Smith\nE-mail: ann@example.com\nPhone: +33612345678",
            "the agent sees what the visitor submitted");
    }

    [Fact]
    public async Task Customer_CanBeRedirectedToAnotherChannel()
    {
        await using var h = new PlaybookHarness();
        var playbook = new Playbook
        {
            Id = "redirect",
            Version = 1,
            Language = "en",
            StartCardId = "route",
            Cards =
            [
                new RoutingQuestionCard { Id = "route", CustomerNext = "mail-us", ProspectNext = "sales" },
                new EndCard { Id = "mail-us", Redirect = new ChannelRedirect(RedirectKind.Email, "support@example.com") },
                new EndCard { Id = "sales", Redirect = new ChannelRedirect(RedirectKind.Phone, "+1 555 0100") },
            ],
        };
        await h.PublishAsync(playbook);
        var customer = await h.StartAsync();
        var prospect = await h.StartAsync();

        await h.SayAsync(customer, "1");
        await h.SayAsync(prospect, "No");

        (await h.LastBotTextAsync(customer)).Should().Be("You can reach our team at support@example.com.");
        (await h.LastBotTextAsync(prospect)).Should().Be("You can call us at +1 555 0100.");
    }

    [Fact]
    public async Task Prospect_IsQualified_ThenFollowUpActionsRun_AssignToSalesTagAndLead()
    {
        await using var h = new PlaybookHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        await h.TeamsAsync("sales");
        await h.OnlineAgentAsync("bob", 5, "sales");
        var playbook = new Playbook
        {
            Id = "operator",
            Version = 1,
            Language = "en",
            StartCardId = "route",
            Cards =
            [
                new RoutingQuestionCard { Id = "route", CustomerNext = "done", ProspectNext = "company" },
                new FreeTextQuestionCard { Id = "company", Text = "Which company are you with?", AnswerKey = "company", Next = "qualify" },
                new QualificationCard { Id = "qualify", Qualified = true, Next = "actions" },
                new FollowUpActionsCard { Id = "actions", Actions = [new AssignToTeamAction { Team = "sales" }, new TagAction { Tag = "lead" }, new CreateLeadAction()], Next = "done" },
                new EndCard { Id = "done" },
            ],
        };
        await h.PublishAsync(playbook);
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "2");
        await h.SayAsync(visitor, "Globex");

        var conversation = await h.ConversationAsync(visitor);
        conversation.State.Should().Be(ConversationState.Unassigned);
        conversation.Routing!.Target.Team.Should().Be(new TeamId("sales"));
        conversation.Details.Qualified.Should().BeTrue();
        conversation.Details.Tags.Should().Equal("lead");
        var run = await h.RunAsync(visitor);
        run.Answers.Should().Contain("company", "Globex").And.Contain("route", "prospect");
        var lead = await h.Chat.Crm.Gateway.FindAsync(h.Workspace, run.CrmRecords.Should().ContainSingle().Subject);
        lead!.Kind.Should().Be(CrmRecordKind.Lead);
    }

    [Theory]
    [InlineData("fr", "Êtes-vous déjà client ?", "Oui")]
    [InlineData("cs", "Jste již naším zákazníkem?", "ano")]
    [InlineData("de", "Sind Sie bereits Kunde?", "Ja, ich bin Kunde")]
    [InlineData("es", "¿Ya es usted cliente?", "Sí")]
    [InlineData("en", "Are you already a customer?", "YES")]
    public async Task TheQuestionAndItsAnswers_WorkInEverySupportedLanguage(string language, string question, string yes)
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full(language));
        var visitor = await h.StartAsync();

        (await h.LastBotTextAsync(visitor)).Should().StartWith(question);
        await h.SayAsync(visitor, yes);

        (await h.RunAsync(visitor)).Should().BeEquivalentTo(new { CardId = "customer-form", Status = PlaybookRunStatus.Waiting });
    }

    [Fact]
    public async Task AnUnclearAnswer_RepeatsTheOptions_AndStays()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full("fr"));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "peut-être");

        (await h.LastBotTextAsync(visitor)).Should().Be("Veuillez choisir l'une des options :\n1. Oui, je suis client\n2. Non, pas encore");
        (await h.RunAsync(visitor)).CardId.Should().Be("route");
    }
}
