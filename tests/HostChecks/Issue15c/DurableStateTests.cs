using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Outside;

public class DurableStateTests
{
    private static readonly WorkspaceId Acme = new("acme");

    private static async Task<bool> DueOf(IDueWorkStore due, DueWorkKind kind)
    {
        var items = await due.ListDueAsync(DateTimeOffset.MaxValue, 1000);
        return items.Any(i => i.Workspace == Acme && i.Kind == kind);
    }

    private static int Count(IReadOnlyList<ChatMessage> messages, string text) => messages.Count(m => m.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Restart_ContinuesPlaybookMidFlow_WithoutSecondGreeting()
    {
        var db = Harness.NewDbPath("restart-playbook");
        var clock = Harness.NewClock();
        ConversationId id;
        VisitorToken token;
        await using (var first = Harness.Build(db, clock))
        {
            await first.Chat.Playbooks.PublishAsync(Acme, Harness.TwoStepPlaybook());
            (var conversation, token) = await first.Chat.Conversations.StartAsync(Acme);
            id = conversation.Id;
            await first.Chat.Visitors.PostAsync(Acme, id, token, "Sales", "m1");
            var messages = await first.Chat.Visitors.GetMessagesAsync(Acme, id, token);
            Count(messages, "GREETING-TEXT").Should().Be(1);
            messages.Should().Contain(m => m.Text.Contains("SECOND-QUESTION"), "the bot asked the second card before the restart");
            var run = await first.Chat.Playbooks.GetRunAsync(Acme, id);
            run!.CardId.Should().Be("q2");
        }

        // A brand new host over the same SQLite file; the token string comes from the visitor's browser.
        await using var second = Harness.Build(db, clock);
        var restoredToken = new VisitorToken(token.Value);
        (await second.Chat.Playbooks.GetActiveAsync(Acme)).Should().NotBeNull("the published playbook is durable");
        var runAfter = await second.Chat.Playbooks.GetRunAsync(Acme, id);
        runAfter.Should().NotBeNull();
        runAfter!.CardId.Should().Be("q2");
        runAfter.Answers.Should().ContainKey("topic");

        await second.Chat.Visitors.PostAsync(Acme, id, restoredToken, "about 5000 EUR", "m2");
        var all = await second.Chat.Visitors.GetMessagesAsync(Acme, id, restoredToken);
        Count(all, "GREETING-TEXT").Should().Be(1, "no second greeting after a restart");
        Count(all, "FIRST-QUESTION").Should().Be(1, string.Join(" | ", all.Select(m => $"{m.Sequence}:{m.Sender.Kind}:{m.Text}")));
        all.Should().Contain(m => m.Text.Contains("THANKS-TEXT"), "the flow continues on the next card");
        var finalRun = await second.Chat.Playbooks.GetRunAsync(Acme, id);
        finalRun!.Answers.Should().ContainKey("budget");
    }

    [Fact]
    public async Task SecondHost_OverSameDatabase_SeesSettingsTextsAndPlaybook()
    {
        var db = Harness.NewDbPath("two-hosts");
        var clock = Harness.NewClock();
        await using var a = Harness.Build(db, clock);
        await using var b = Harness.Build(db, clock, o => o.WorkspaceCacheDuration = TimeSpan.Zero);

        await a.Chat.Email.ConfigureAsync(Acme, new EmailSettings
        {
            Sender = EmailAddress.Create("support@acme.example", "ACME Support"),
            WorkspaceName = "ACME <b>Shop</b>",
            DefaultLanguage = "fr",
            TimeZone = "Europe/Paris",
        });
        await a.Chat.Identity.ConfigureAsync(Acme, IdentitySettings.Default with { DefaultRegion = "CZ" });
        await a.Chat.Playbooks.Texts.SetAsync("fr", SystemText.AgentJoined, "{0} est là.", Acme);
        await a.Chat.Playbooks.PublishAsync(Acme, Harness.TwoStepPlaybook("fr"));

        var email = await b.Chat.Email.GetSettingsAsync(Acme);
        email.Sender!.Value.Address.Should().Be("support@acme.example");
        email.WorkspaceName.Should().Be("ACME <b>Shop</b>", "text is kept exactly as given");
        email.DefaultLanguage.Should().Be("fr");
        email.TimeZone.Should().Be("Europe/Paris");
        (await b.Chat.Identity.GetSettingsAsync(Acme)).DefaultRegion.Should().Be("CZ");
        (await Harness.Eventually(() => b.Chat.Playbooks.Texts.Get("fr", SystemText.AgentJoined, Acme) == "{0} est là."))
            .Should().BeTrue("the text override saved by host A is seen by host B over the same database");
        var active = await b.Chat.Playbooks.GetActiveAsync(Acme);
        active.Should().NotBeNull();
        active!.Language.Should().Be("fr");

        // A conversation started on B runs A's playbook.
        var (conversation, token) = await b.Chat.Conversations.StartAsync(Acme);
        var messages = await b.Chat.Visitors.GetMessagesAsync(Acme, conversation.Id, token);
        messages.Should().Contain(m => m.Text == "GREETING-TEXT");
    }

    [Fact]
    public async Task Restart_KeepsSettingsAndTexts()
    {
        var db = Harness.NewDbPath("restart-settings");
        await using (var a = Harness.Build(db))
        {
            await a.Chat.Email.ConfigureAsync(Acme, new EmailSettings { Sender = EmailAddress.Create("ops@acme.example"), DefaultLanguage = "cs" });
            await a.Chat.Playbooks.Texts.SetAsync("cs", SystemText.ConversationEnded, "Konec.", Acme);
        }
        await using var b = Harness.Build(db);
        (await b.Chat.Email.GetSettingsAsync(Acme)).DefaultLanguage.Should().Be("cs");
        b.Chat.Email.GetSettings(Acme).Sender!.Value.Address.Should().Be("ops@acme.example");
        b.Chat.Playbooks.Texts.Get("cs", SystemText.ConversationEnded, Acme).Should().Be("Konec.");
        b.Chat.Playbooks.Texts.Get("cs", SystemText.ConversationEnded, new WorkspaceId("other")).Should().NotBe("Konec.", "an override belongs to its workspace");
    }

    [Fact]
    public async Task Restart_OfferExpiry_FiresOnceAfterRestart()
    {
        var db = Harness.NewDbPath("restart-offer");
        var clock = Harness.NewClock();
        void Options(LiveChatOptions o)
        {
            o.Routing.Mode = RoutingMode.Offer;
            o.Routing.Strategy = RoutingStrategy.StrictRoundRobin;
            o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);
            o.Routing.PresenceTimeout = TimeSpan.FromMinutes(30);
        }
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        ConversationId id;
        RoutingOffer firstOffer;
        await using (var first = Harness.Build(db, clock, Options))
        {
            foreach (var agent in new[] { alice, bob })
            {
                await first.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(agent, agent.Value, 2));
                await first.Chat.Agents.SetStatusAsync(Acme, agent, AgentStatus.Online);
                await first.Chat.Agents.HeartbeatAsync(Acme, agent);
            }
            var (conversation, _) = await first.Chat.Conversations.StartAsync(Acme);
            id = conversation.Id;
            var handoff = await first.Chat.Conversations.RequestAgentAsync(Acme, id);
            handoff.Outcome.Should().Be(HandoffOutcome.Offered);
            firstOffer = handoff.Conversation.Routing!.Offer!;

            var due = first.Provider.GetRequiredService<IDueWorkStore>();
            (await DueOf(due, DueWorkKind.OfferExpiry)).Should().BeTrue("the store can be asked what is due: the offer's expiry");
        }

        await using var second = Harness.Build(db, clock, Options);
        foreach (var agent in new[] { alice, bob })
            await second.Chat.Agents.HeartbeatAsync(Acme, agent);
        clock.Advance(TimeSpan.FromSeconds(31));
        var moved = await Harness.Eventually(async () =>
        {
            var c = await second.Chat.Conversations.GetAsync(Acme, id);
            return c.Routing?.Offer is { } o && o.Token != firstOffer.Token;
        });
        moved.Should().BeTrue("an offer made before the restart expires after it and moves on (R7, issue 15 due work)");
        var now = await second.Chat.Conversations.GetAsync(Acme, id);
        now.Routing!.Offer!.AgentId.Should().NotBe(firstOffer.AgentId, "the expired offer moves to the next agent");
        now.Routing.PreviousOffer?.Token.Should().Be(firstOffer.Token, "it expired exactly once: the previous offer is the one made before the restart");
        second.Publisher.Events.OfType<LiveChat.Core.Transport.AgentNotification>()
            .Count(n => n.Kind == LiveChat.Core.Transport.AgentNotificationKind.OfferWithdrawn && n.AgentId == firstOffer.AgentId)
            .Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task Restart_UnreadReplyWindow_SendsExactlyOneEmail()
    {
        var db = Harness.NewDbPath("restart-unread");
        var clock = Harness.NewClock();
        void Options(LiveChatOptions o)
        {
            o.Email.UnreadDelay = TimeSpan.FromMinutes(1);
            o.Email.DefaultSenderAddress = "support@acme.example";
            o.Routing.PresenceTimeout = TimeSpan.FromMinutes(30);
        }
        var alice = new AgentId("alice");
        ConversationId id;
        await using (var first = Harness.Build(db, clock, Options))
        {
            await first.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 3));
            await first.Chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
            await first.Chat.Agents.HeartbeatAsync(Acme, alice);
            var (conversation, token) = await first.Chat.Conversations.StartAsync(Acme);
            id = conversation.Id;
            await first.Chat.Visitors.PostAsync(Acme, id, token, "Do you ship to Lyon?");
            await first.Chat.Visitors.SubmitContactFormAsync(Acme, id, token, new ContactForm { Name = "Léa", Email = "lea@example.fr" });
            var handoff = await first.Chat.Visitors.RequestAgentAsync(Acme, id, token);
            handoff.Should().Be(HandoffOutcome.Assigned);
            await first.Chat.Conversations.PostAgentMessageAsync(Acme, id, alice, "Yes, in 48 hours.");
            var due = first.Provider.GetRequiredService<IDueWorkStore>();
            (await DueOf(due, DueWorkKind.UnreadReplies)).Should().BeTrue("the unread-reply window is due work in the store");
            first.Mail.Sent.Should().BeEmpty("the window has not ended yet");
        }

        await using var second = Harness.Build(db, clock, Options);
        clock.Advance(TimeSpan.FromSeconds(61));
        var sent = await Harness.Eventually(async () =>
        {
            await second.Chat.Email.DispatchDueAsync();
            return second.Mail.Sent.Count >= 1;
        });
        sent.Should().BeTrue("the unread reply e-mail promised before the restart goes out after it");
        clock.Advance(TimeSpan.FromMinutes(5));
        await second.Chat.Email.DispatchDueAsync();
        await Harness.Eventually(() => false, TimeSpan.FromMilliseconds(300)); // let any duplicate surface
        await second.Chat.Email.DispatchDueAsync();
        second.Mail.Sent.Should().ContainSingle("exactly once").Which.To.Address.Should().Be("lea@example.fr");
        second.Mail.Sent[0].TextBody.Should().Contain("Yes, in 48 hours.");
    }

    [Fact]
    public async Task Restart_TimedContactForm_IsShownOnceAfterRestart()
    {
        var db = Harness.NewDbPath("restart-form");
        var clock = Harness.NewClock();
        ConversationId id;
        await using (var first = Harness.Build(db, clock))
        {
            await first.Chat.Playbooks.PublishAsync(Acme, Harness.TwoStepPlaybook(contactFormAfter: TimeSpan.FromSeconds(5)));
            var (conversation, _) = await first.Chat.Conversations.StartAsync(Acme);
            id = conversation.Id;
            var due = first.Provider.GetRequiredService<IDueWorkStore>();
            (await Harness.Eventually(async () => await DueOf(due, DueWorkKind.ContactForm)))
                .Should().BeTrue("the timed card is due work in the store");
            first.Publisher.Events.OfType<PlaybookFormRequested>().Should().BeEmpty();
        }

        await using var second = Harness.Build(db, clock);
        clock.Advance(TimeSpan.FromSeconds(6));
        (await Harness.Eventually(() => second.Publisher.Events.OfType<PlaybookFormRequested>().Any(e => e.ConversationId == id)))
            .Should().BeTrue("a timed card promised before the restart is shown after it");
        clock.Advance(TimeSpan.FromSeconds(30));
        await Harness.Eventually(() => false, TimeSpan.FromMilliseconds(300));
        second.Publisher.Events.OfType<PlaybookFormRequested>().Count(e => e.ConversationId == id && e.Kind == PlaybookFormKind.ContactForm)
            .Should().Be(1, "exactly once");
    }
}
