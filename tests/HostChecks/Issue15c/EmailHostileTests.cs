using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using Xunit;

namespace Outside;

public class EmailHostileTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task UnreadReplyEmail_EncodesMarkup_InHtmlPart_AndKeepsSubjectOneLine()
    {
        var clock = Harness.NewClock();
        await using var host = Harness.Build(Harness.NewDbPath("mail-html"), clock, o =>
        {
            o.Email.UnreadDelay = TimeSpan.FromMinutes(1);
            o.Email.DefaultSenderAddress = "support@acme.example";
            o.Routing.PresenceTimeout = TimeSpan.FromHours(1);
        });
        var chat = host.Chat;
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "<script>agent()</script>", 2));
        await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        var (c, t) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.SubmitContactFormAsync(Acme, c.Id, t, new ContactForm { Name = "<img src=x onerror=alert(1)>", Email = "v@example.com" });
        await chat.Visitors.PostAsync(Acme, c.Id, t, "<script>question()</script>");
        await chat.Conversations.ClaimAsync(Acme, c.Id, alice);
        await chat.Conversations.PostAgentMessageAsync(Acme, c.Id, alice, "<iframe src=//evil></iframe>");
        clock.Advance(TimeSpan.FromSeconds(61));
        (await Harness.Eventually(async () => { await chat.Email.DispatchDueAsync(); return host.Mail.Sent.Count > 0; })).Should().BeTrue();
        var mail = host.Mail.Sent.Single();
        mail.HtmlBody.Should().NotContain("<script>").And.NotContain("<iframe").And.NotContain("<img src=x");
        mail.TextBody.Should().Contain("<iframe src=//evil></iframe>", "the text part keeps the reply as written");
        mail.Subject.Should().NotContain("\n").And.NotContain("\r");
    }

    [Fact]
    public async Task Restart_TranscriptOfferAfterEnd_IsShownOnce()
    {
        var db = Harness.NewDbPath("restart-transcript");
        var clock = Harness.NewClock();
        var playbook = Harness.TwoStepPlaybook() with { Timers = new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = TimeSpan.FromSeconds(5) } };
        ConversationId id;
        await using (var first = Harness.Build(db, clock))
        {
            await first.Chat.Playbooks.PublishAsync(Acme, playbook);
            var (c, t) = await first.Chat.Conversations.StartAsync(Acme);
            id = c.Id;
            await first.Chat.Visitors.EndAsync(Acme, id, t);
            var due = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<LiveChat.Core.Storage.IDueWorkStore>(first.Provider);
            (await Harness.Eventually(async () => (await due.ListDueAsync(DateTimeOffset.MaxValue, 100)).Any(i => i.Kind == LiveChat.Core.Storage.DueWorkKind.TranscriptOffer)))
                .Should().BeTrue("the transcript offer is due work in the store before the restart");
        }
        await using var second = Harness.Build(db, clock);
        clock.Advance(TimeSpan.FromSeconds(6));
        (await Harness.Eventually(() => second.Publisher.Events.OfType<PlaybookFormRequested>().Any(e => e.ConversationId == id && e.Kind == PlaybookFormKind.TranscriptOffer)))
            .Should().BeTrue("the transcript offer promised before the restart is shown after it");
        clock.Advance(TimeSpan.FromSeconds(30));
        await Harness.Eventually(() => false, TimeSpan.FromMilliseconds(300));
        second.Publisher.Events.OfType<PlaybookFormRequested>().Count(e => e.ConversationId == id).Should().Be(1);
    }

    [Fact]
    public async Task Control_SingleHost_TranscriptOfferAfterEnd_IsShown()
    {
        var clock = Harness.NewClock();
        var playbook = Harness.TwoStepPlaybook() with { Timers = new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = TimeSpan.FromSeconds(5) } };
        await using var host = Harness.Build(Harness.NewDbPath("transcript-control"), clock);
        await host.Chat.Playbooks.PublishAsync(Acme, playbook);
        var (c, t) = await host.Chat.Conversations.StartAsync(Acme);
        await host.Chat.Visitors.EndAsync(Acme, c.Id, t);
        await Harness.Eventually(() => false, TimeSpan.FromMilliseconds(200));
        clock.Advance(TimeSpan.FromSeconds(6));
        (await Harness.Eventually(() => host.Publisher.Events.OfType<PlaybookFormRequested>().Any(e => e.ConversationId == c.Id && e.Kind == PlaybookFormKind.TranscriptOffer)))
            .Should().BeTrue("P7: transcript offer 5 s after the end");
    }
}
