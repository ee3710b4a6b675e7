using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Internal;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>P7 and seed 002: the contact form 5 s after the greeting, the transcript offer 5 s after the end, on the fake clock.</summary>
public sealed class P7_TimedCardsTests
{
    private static Playbook Greeting(TimeSpan? formAfter = null) => new()
    {
        Id = "greeting",
        Version = 1,
        Language = "en",
        StartCardId = "greet",
        Timers = new PlaybookTimers { ContactFormAfterGreeting = formAfter ?? TimeSpan.FromSeconds(5) },
        Cards =
        [
            new MessageCard { Id = "greet", Text = "Hello! How can we help?", Next = "topic" },
            new FreeTextQuestionCard { Id = "topic", Text = "What is it about?", Next = "thanks" },
            new EndCard { Id = "thanks", Text = "Thanks, someone will answer here." },
        ],
    };

    [Fact]
    public async Task Seed002_TheContactFormAppearsFiveSecondsAfterTheGreeting()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(Greeting());
        var visitor = await h.StartAsync();

        await h.AdvanceAsync(TimeSpan.FromSeconds(4.9));
        (await h.BotSaysAsync(visitor)).Should().HaveCount(2);
        (await h.FormsAsync()).Should().BeEmpty();

        await h.AdvanceAsync(TimeSpan.FromSeconds(0.1));
        (await h.LastBotTextAsync(visitor)).Should().Be("Introduce yourself so we can get back to you: your name, then your e-mail and phone.");
        (await h.FormsAsync()).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = PlaybookFormKind.ContactForm, Language = "en" });
        (await h.RunAsync(visitor)).Should().BeEquivalentTo(new { CardId = "topic", PendingForm = PlaybookFormKind.ContactForm });
    }

    [Fact]
    public async Task TheDelayIsConfigurable()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(Greeting(TimeSpan.FromSeconds(30)));
        var visitor = await h.StartAsync();

        await h.AdvanceAsync(TimeSpan.FromSeconds(29));
        (await h.FormsAsync()).Should().BeEmpty();
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        (await h.FormsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task SubmittingTheTimedForm_IdentifiesTheVisitor_AndTheQuestionStaysOpen()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(Greeting());
        var visitor = await h.StartAsync();
        await h.AdvanceAsync(TimeSpan.FromSeconds(5));

        var result = await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, visitor.Conversation.Id, visitor.VisitorToken, new ContactForm { Name = "Ann", Phone = "+420601123456" });

        result.Outcome.Should().Be(IdentifyOutcome.Created);
        (await h.RunAsync(visitor)).Should().BeEquivalentTo(new { CardId = "topic", Status = PlaybookRunStatus.Waiting, PendingForm = (PlaybookFormKind?)null });
        (await h.LastBotTextAsync(visitor)).Should().Be("Thank you, we have your details.");
        await h.SayAsync(visitor, "An invoice");
        (await h.LastBotTextAsync(visitor)).Should().Be("Thanks, someone will answer here.");
    }

    [Fact]
    public async Task TheForm_IsSkippedWhenTheContactIsAlreadyKnown()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(Greeting());
        var visitor = await h.StartAsync();
        await h.Chat.Identity.IdentifyAsync(h.Workspace, new IdentifyRequest { ConversationId = visitor.Conversation.Id, Email = "ann@example.com" });

        await h.AdvanceAsync(TimeSpan.FromSeconds(10));

        (await h.FormsAsync()).Should().BeEmpty();
        (await h.BotSaysAsync(visitor)).Should().HaveCount(2);
    }

    [Fact]
    public async Task TheForm_IsCancelledWhenTheConversationMovesOnToAnAgent()
    {
        await using var h = new PlaybookHarness();
        await h.OnlineAgentAsync("alice");
        await h.PublishAsync(Greeting());
        var visitor = await h.StartAsync();
        var service = h.Services.GetService(typeof(PlaybookService)) as PlaybookService;
        service!.PendingTimers.Should().Be(1);

        await h.Chat.Visitors.RequestAgentAsync(h.Workspace, visitor.Conversation.Id, visitor.VisitorToken);

        service.PendingTimers.Should().Be(0, "the timer is disposed, not left to fire into nothing");
        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        (await h.FormsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task TheTranscriptOffer_Comes5SecondsAfterTheEnd_AndTheContactFormNever()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(Greeting());
        var visitor = await h.StartAsync();

        await h.Chat.Visitors.EndAsync(h.Workspace, visitor.Conversation.Id, visitor.VisitorToken);
        await h.AdvanceAsync(TimeSpan.FromSeconds(4));
        (await h.FormsAsync()).Should().BeEmpty();
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        (await h.FormsAsync()).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Kind = PlaybookFormKind.TranscriptOffer,
            Text = "Would you like a copy of this conversation by e-mail?",
            ConversationId = visitor.Conversation.Id,
        });
        (await h.RunAsync(visitor)).TranscriptOffered.Should().BeTrue();
        (await h.ConversationAsync(visitor)).State.Should().Be(ConversationState.Ended);
    }

    [Fact]
    public async Task TurnedOff_NoTimerIsArmed()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(Greeting() with { Timers = new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = null } });
        var visitor = await h.StartAsync();
        await h.Chat.Conversations.EndAsync(h.Workspace, visitor.Conversation.Id);

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));

        (await h.FormsAsync()).Should().BeEmpty();
        ((PlaybookService)h.Services.GetService(typeof(PlaybookService))!).PendingTimers.Should().Be(0);
    }
    [Fact]
    public async Task StateChanges_WorkspaceWithoutPlaybook_LeaveTheDueWorkStoreAlone()
    {
        var store = new CountingDueWorkStore();
        await using var h = new PlaybookHarness(register: s => s.AddSingleton<IDueWorkStore>(store));
        var agent = await h.OnlineAgentAsync("alice", capacity: 50);
        await RequestAndEndAsync(h, agent);
        var before = store.Calls;

        for (var i = 0; i < 20; i++)
        {
            await RequestAndEndAsync(h, agent);
        }

        store.Calls.Should().Be(before, "no timed card can be pending where no playbook was ever published");
    }
    [Fact]
    public async Task Commits_AfterTheConversationLeftTheBot_LeaveTheDueWorkStoreAlone()
    {
        var store = new CountingDueWorkStore();
        await using var h = new PlaybookHarness(register: s => s.AddSingleton<IDueWorkStore>(store));
        AgentId[] agents = [await h.OnlineAgentAsync("alice"), await h.OnlineAgentAsync("bob")];
        await h.PublishAsync(Greeting());
        var visitor = await h.StartAsync();
        await h.Chat.Visitors.RequestAgentAsync(h.Workspace, visitor.Conversation.Id, visitor.VisitorToken);
        await h.Services.GetRequiredService<BackgroundWork>().WhenIdleAsync();
        var before = store.Calls;

        for (var i = 0; i < 20; i++)
        {
            await h.Chat.Conversations.AssignAsync(h.Workspace, visitor.Conversation.Id, agents[i % 2]);
        }

        await h.Services.GetRequiredService<BackgroundWork>().WhenIdleAsync();
        store.Calls.Should().Be(before, "the contact form was cancelled once, when the conversation left the bot");
    }

    private static async Task RequestAndEndAsync(PlaybookHarness h, AgentId agent)
    {
        var visitor = await h.StartAsync();
        await h.Chat.Visitors.RequestAgentAsync(h.Workspace, visitor.Conversation.Id, visitor.VisitorToken);
        await h.Chat.Conversations.EndAsync(h.Workspace, visitor.Conversation.Id, agent);
        await h.Services.GetRequiredService<BackgroundWork>().WhenIdleAsync();
    }
}
