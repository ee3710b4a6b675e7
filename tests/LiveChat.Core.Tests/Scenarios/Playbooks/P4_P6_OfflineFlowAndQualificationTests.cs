using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Playbooks;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>
/// P4: the offline flow qualifies or not and creates follow-up items in the CRM (activity, lead, deal) through the CRM
/// port. P6: the qualification outcome and tags are recorded on the conversation.
/// </summary>
public sealed class P4_P6_OfflineFlowAndQualificationTests
{
    [Fact]
    public async Task OfflineProspect_IsQualified_AndGetsALeadADealAndAnActivityWithTheirAnswers()
    {
        await using var h = new PlaybookHarness();
        await h.TeamsAsync("sales", "support");
        await h.PublishAsync(SeedPlaybooks.Full());
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "No, not yet");
        await h.SayAsync(visitor, "pricing");
        await h.SayAsync(visitor, "12");
        await h.SayAsync(visitor, "ann@example");
        (await h.LastBotTextAsync(visitor)).Should().Be("That does not look like an e-mail address. Could you check it?");
        await h.SayAsync(visitor, "ann@example.com");

        var conversation = await h.ConversationAsync(visitor);
        conversation.State.Should().Be(ConversationState.Offline);
        conversation.Details.Qualified.Should().BeTrue();
        conversation.Details.Tags.Should().Equal("prospect", "offline");
        var run = await h.RunAsync(visitor);
        run.Should().BeEquivalentTo(new { CardId = "bye", Status = PlaybookRunStatus.Finished });
        run.Answers.Should().Contain("seats", "12").And.Contain("email", "ann@example.com").And.Contain("need", "Pricing");

        var records = await Task.WhenAll(run.CrmRecords.Select(id => h.Chat.Crm.Gateway.FindAsync(h.Workspace, id).AsTask()));
        records.Select(r => r!.Kind).Should().Equal(CrmRecordKind.Lead, CrmRecordKind.Deal);
        records[1]!.PersonId.Should().Be(records[0]!.Id);
        var activities = await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, records[0]!.Id, CrmActivityType.Note);
        activities.Should().ContainSingle().Which.Text.Should().Be("Call back about pricing\nemail: ann@example.com\nneed: Pricing\nroute: prospect\nseats: 12");
        (await h.BotSaysAsync(visitor)).Should().EndWith(["Sales is offline right now.", "What is your e-mail?", "That does not look like an e-mail address. Could you check it?", "Thanks! We will get back to you."]);
    }

    [Fact]
    public async Task ALeadIsNotDuplicated_WhenTheContactFormAlreadyFiledTheVisitor()
    {
        await using var h = new PlaybookHarness();
        var playbook = new Playbook
        {
            Id = "form-then-lead",
            Version = 1,
            Language = "en",
            StartCardId = "form",
            Timers = new PlaybookTimers { ContactFormAfterGreeting = null },
            Cards =
            [
                new ContactFormCard { Id = "form", Next = "actions" },
                new FollowUpActionsCard { Id = "actions", Actions = [new CreateLeadAction(), new CreateActivityAction { Text = "Wants a demo" }] },
            ],
        };
        await h.PublishAsync(playbook);
        var visitor = await h.StartAsync();

        var result = await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, visitor.Conversation.Id, visitor.VisitorToken, new ContactForm { Name = "Ann", Email = "ann@example.com" });

        var lead = result.Contact!.CrmRecord!.Value;
        (await h.RunAsync(visitor)).Should().BeEquivalentTo(new { Status = PlaybookRunStatus.Finished });
        (await h.RunAsync(visitor)).CrmRecords.Should().Equal([lead], "identity resolution created the lead; both actions land on it, listed once");
        (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, lead, CrmActivityType.Note)).Should().ContainSingle(a => a.Text == "Wants a demo");
    }

    [Fact]
    public async Task NotQualified_IsRecorded_AndNoCrmItemIsMade()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full());
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "2");
        await h.SayAsync(visitor, "2");

        var conversation = await h.ConversationAsync(visitor);
        conversation.Details.Qualified.Should().BeFalse();
        conversation.Details.Tags.Should().BeEmpty();
        (await h.RunAsync(visitor)).CrmRecords.Should().BeEmpty();
        (await h.LastBotTextAsync(visitor)).Should().Be("You will find help at https://example.com/docs.");
    }

    [Fact]
    public async Task ErasingTheContact_ForgetsTheAnswersTheBotKept()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full());
        var visitor = await h.StartAsync();
        await h.SayAsync(visitor, "no");
        await h.SayAsync(visitor, "Pricing");
        var result = await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, visitor.Conversation.Id, visitor.VisitorToken, new ContactForm { Name = "Ann", Email = "ann@example.com" });
        (await h.RunAsync(visitor)).Answers.Should().NotBeEmpty();

        await h.Chat.Identity.EraseAsync(h.Workspace, result.Contact!.Id, "dpo", "privacy request");

        (await h.RunAsync(visitor)).Answers.Should().BeEmpty("a privacy request (X9) erases what the visitor told the bot too");
    }
}
