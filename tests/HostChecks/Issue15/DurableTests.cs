using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Texts;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Issue15;

public sealed class Host15 : IAsyncDisposable
{
    public required ServiceProvider Provider { get; init; }
    public required LiveChatEngine Chat { get; init; }
    public required RecordingPublisher Publisher { get; init; }
    public required InMemoryEmailTransport Transport { get; init; }
    public ValueTask DisposeAsync() => Provider.DisposeAsync();

    public static Host15 Build(string store, string connection, FakeTimeProvider? time = null, Action<LiveChatOptions>? configure = null)
    {
        var services = new ServiceCollection();
        if (time is not null) services.AddSingleton<TimeProvider>(time);
        var transport = new InMemoryEmailTransport();
        var publisher = new RecordingPublisher();
        services.AddSingleton<ILiveChatEventPublisher>(publisher);
        var builder = services.AddLiveChat(o => { o.WorkspaceCacheDuration = TimeSpan.Zero; configure?.Invoke(o); });
        builder = store == "sqlite" ? builder.UseSqlite(connection) : builder.UsePostgreSql(connection);
        builder.UseEmailTransport(_ => transport);
        var provider = services.BuildServiceProvider();
        return new Host15 { Provider = provider, Chat = provider.GetRequiredService<LiveChatEngine>(), Publisher = publisher, Transport = transport };
    }
}

public class DurableTests(ITestOutputHelper output)
{
    static readonly WorkspaceId Acme = new("acme");
    static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    const string Greeting = "Bonjour et bienvenue !";

    static Playbook Flow(int version = 1, string greeting = Greeting, PlaybookTimers? timers = null) => new()
    {
        Id = "website", Version = version, Language = "fr", StartCardId = "greet",
        Timers = timers ?? new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = null },
        Cards =
        [
            new MessageCard { Id = "greet", Text = greeting, Next = "q1" },
            new ChoiceQuestionCard { Id = "q1", Text = "Quel produit vous intéresse ?", AnswerKey = "product",
                Options = [new ChoiceOption("CRM", "q2"), new ChoiceOption("Chat", "q2")] },
            new FreeTextQuestionCard { Id = "q2", Text = "Quelle est votre entreprise ?", AnswerKey = "company", Next = "bye" },
            new EndCard { Id = "bye", Text = "Merci, à bientôt !" },
        ],
    };

    async Task<List<ChatMessage>> Messages(LiveChatEngine chat, ConversationId id)
    {
        var list = (await chat.Conversations.GetMessagesAsync(Acme, id)).ToList();
        return list;
    }

    async Task PlaybookContinuesAfterRestart(string store, string connection)
    {
        ConversationId id;
        VisitorToken token;
        await using (var first = Host15.Build(store, connection))
        {
            await first.Chat.Playbooks.PublishAsync(Acme, Flow());
            var started = await first.Chat.Conversations.StartAsync(Acme); (id, token) = (started.Conversation.Id, started.VisitorToken);
            (await Poll.Until(async () => (await Messages(first.Chat, id)).Any(m => m.Text.StartsWith("Quel produit")))).Should().BeTrue("the bot greets and asks the first card");
            await first.Chat.Visitors.PostAsync(Acme, id, token, "CRM");
            (await Poll.Until(async () => (await Messages(first.Chat, id)).Any(m => m.Text == "Quelle est votre entreprise ?"))).Should().BeTrue("the answer moves to the next card");
            (await first.Chat.Playbooks.GetRunAsync(Acme, id))!.CardId.Should().Be("q2");
        }
        await using (var second = Host15.Build(store, connection))
        {
            var run = await second.Chat.Playbooks.GetRunAsync(Acme, id);
            output.WriteLine($"run after restart: {run}");
            run!.CardId.Should().Be("q2", "the run is durable");
            (await second.Chat.Playbooks.GetActiveAsync(Acme))!.Version.Should().Be(1, "the published playbook is durable");
            await second.Chat.Visitors.PostAsync(Acme, id, token, "ACME SA");
            (await Poll.Until(async () => (await Messages(second.Chat, id)).Any(m => m.Text == "Merci, à bientôt !"))).Should().BeTrue("the flow continues to the end card");
            var messages = await Messages(second.Chat, id);
            foreach (var m in messages) output.WriteLine($"{m.Sequence} {m.Sender.Kind}: {m.Text}");
            messages.Count(m => m.Text == Greeting).Should().Be(1, "no second greeting");
            messages.Count(m => m.Text.StartsWith("Quel produit")).Should().Be(1);
            messages.Count(m => m.Text == "Quelle est votre entreprise ?").Should().Be(1);
            var done = await second.Chat.Playbooks.GetRunAsync(Acme, id);
            done!.Answers.Should().ContainKey("product").And.ContainKey("company");
            done.Status.Should().Be(PlaybookRunStatus.Finished);
            // A conversation started on the new host starts on the durable playbook.
            var (fresh, _) = await second.Chat.Conversations.StartAsync(Acme);
            (await Poll.Until(async () => (await Messages(second.Chat, fresh.Id)).Any(m => m.Text == Greeting))).Should().BeTrue();
        }
    }

    [Fact]
    public Task Sqlite_restart_continues_a_visitors_playbook_with_no_second_greeting() => PlaybookContinuesAfterRestart("sqlite", Files.NewSqlite());

    [Fact]
    public async Task PostgreSql_restart_continues_a_visitors_playbook_with_no_second_greeting() =>
        await PlaybookContinuesAfterRestart("postgres", await Pg.CreateDatabaseAsync());

    [Fact]
    public async Task Two_hosts_over_one_PostgreSql_see_the_same_settings_texts_and_playbooks()
    {
        var db = await Pg.CreateDatabaseAsync();
        await using var a = Host15.Build("postgres", db);
        await using var b = Host15.Build("postgres", db);
        var sender = EmailAddress.Create("support@acme.example", "ACME Support");
        await a.Chat.Email.ConfigureAsync(Acme, new EmailSettings { Sender = sender, DefaultLanguage = "fr", WorkspaceName = "ACME", TimeZone = "Europe/Paris" });
        await a.Chat.Identity.ConfigureAsync(Acme, new IdentitySettings { DefaultRegion = "FR" });
        await a.Chat.Playbooks.Texts.SetAsync("fr", SystemText.AgentJoined, "{0} est là ✓", Acme);
        await a.Chat.Playbooks.PublishAsync(Acme, Flow());

        var email = await b.Chat.Email.GetSettingsAsync(Acme);
        email.Sender.Should().Be(sender);
        email.DefaultLanguage.Should().Be("fr");
        email.WorkspaceName.Should().Be("ACME");
        b.Chat.Email.TimeZoneFor(Acme, "web").Id.Should().Be("Europe/Paris");
        (await b.Chat.Identity.GetSettingsAsync(Acme)).DefaultRegion.Should().Be("FR");
        b.Chat.Playbooks.Texts.Get("fr", SystemText.AgentJoined, Acme).Should().Be("{0} est là ✓");
        var active = await b.Chat.Playbooks.GetActiveAsync(Acme);
        active!.Id.Should().Be("website");
        active.Version.Should().Be(1);

        // A change through A reaches B (WorkspaceCacheDuration zero on B).
        await a.Chat.Playbooks.PublishAsync(Acme, Flow(2, "Salut (v2) !"));
        await a.Chat.Email.ConfigureAsync(Acme, new EmailSettings { Sender = sender, DefaultLanguage = "de" });
        (await b.Chat.Playbooks.GetActiveAsync(Acme))!.Version.Should().Be(2);
        (await b.Chat.Email.GetSettingsAsync(Acme)).DefaultLanguage.Should().Be("de");
        var (c, _) = await b.Chat.Conversations.StartAsync(Acme);
        (await Poll.Until(async () => (await Messages(b.Chat, c.Id)).Any(m => m.Text == "Salut (v2) !"))).Should().BeTrue("B's bot runs the playbook A published");

        // The French text override reaches a system message made on B.
        await a.Chat.Email.ConfigureAsync(Acme, new EmailSettings { Sender = sender, DefaultLanguage = "fr" });
        var alice = new AgentId("alice");
        await b.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 3));
        await b.Chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        var (c2, _) = await b.Chat.Conversations.StartAsync(Acme);
        await b.Chat.Conversations.ClaimAsync(Acme, c2.Id, alice);
        (await Messages(b.Chat, c2.Id)).Should().Contain(m => m.SystemEvent == SystemEvent.AgentJoined && m.Text == "Alice est là ✓");
    }

    [Fact]
    public Task Second_PostgreSql_host_with_default_cache_continues_a_visitor_playbook_started_on_the_first() => SecondHost(true);

    [Fact]
    public Task Control_second_PostgreSql_host_that_never_looked_before_continues_the_playbook() => SecondHost(false);

    async Task SecondHost(bool touchFirst)
    {
        var db = await Pg.CreateDatabaseAsync();
        await using var a = Host15.Build("postgres", db);
        // B keeps the default WorkspaceCacheDuration (5 s) and has already looked at the workspace before A publishes.
        await using var b = Host15.Build("postgres", db, configure: o => o.WorkspaceCacheDuration = TimeSpan.FromSeconds(5));
        if (touchFirst)
        {
            (await b.Chat.Playbooks.GetActiveAsync(Acme)).Should().BeNull();
            var (pre, preToken) = await b.Chat.Conversations.StartAsync(Acme);
            await b.Chat.Visitors.PostAsync(Acme, pre.Id, preToken, "hello before any playbook");
        }

        await a.Chat.Playbooks.PublishAsync(Acme, Flow());
        var (c, token) = await a.Chat.Conversations.StartAsync(Acme);
        await a.Chat.Visitors.PostAsync(Acme, c.Id, token, "CRM");
        (await Poll.Until(async () => (await Messages(a.Chat, c.Id)).Any(m => m.Text == "Quelle est votre entreprise ?"))).Should().BeTrue();

        await b.Chat.Visitors.PostAsync(Acme, c.Id, token, "ACME SA");
        var answered = await Poll.Until(async () => (await Messages(b.Chat, c.Id)).Any(m => m.Text == "Merci, à bientôt !"), TimeSpan.FromSeconds(8));
        foreach (var m in await Messages(b.Chat, c.Id)) output.WriteLine($"{m.Sequence} {m.Sender.Kind}: {m.Text}");
        if (!answered)
        {
            output.WriteLine($"run on B after 8 s: {await b.Chat.Playbooks.GetRunAsync(Acme, c.Id)}");
            await b.Chat.Visitors.PostAsync(Acme, c.Id, token, "ACME SA (again)");
            var later = await Poll.Until(async () => (await Messages(b.Chat, c.Id)).Any(m => m.Text == "Merci, à bientôt !"), TimeSpan.FromSeconds(5));
            output.WriteLine($"a second post after the cache window is answered: {later}");
        }
        answered.Should().BeTrue("the second process continues the visitor's run it finds in the store");
        (await Messages(b.Chat, c.Id)).Count(m => m.Text == Greeting).Should().Be(1);
    }

    [Fact]
    public async Task Due_offer_expiry_fires_exactly_once_after_a_restart_on_sqlite()
    {
        var file = Files.NewSqlite();
        void Options(LiveChatOptions o) { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromSeconds(30); o.Routing.PresenceTimeout = TimeSpan.FromMinutes(30); }
        ConversationId id;
        AgentId first;
        await using (var h1 = Host15.Build("sqlite", file, new FakeTimeProvider(T0), Options))
        {
            foreach (var (agent, name) in new[] { ("alice", "Alice"), ("bob", "Bob") })
            {
                await h1.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(new AgentId(agent), name, 3));
                await h1.Chat.Agents.SetStatusAsync(Acme, new AgentId(agent), AgentStatus.Online);
                await h1.Chat.Agents.HeartbeatAsync(Acme, new AgentId(agent));
            }
            var (c, _) = await h1.Chat.Conversations.StartAsync(Acme);
            id = c.Id;
            var handoff = await h1.Chat.Conversations.RequestAgentAsync(Acme, id);
            handoff.Outcome.Should().Be(HandoffOutcome.Offered);
            first = handoff.Conversation.Routing!.Offer!.AgentId;
        }
        var fake = new FakeTimeProvider(T0.AddSeconds(1));
        await using var h2 = Host15.Build("sqlite", file, fake, Options);
        (await h2.Chat.Conversations.GetAsync(Acme, id)).Routing!.Offer!.AgentId.Should().Be(first);
        fake.Advance(TimeSpan.FromSeconds(40)); // T0+41s: an expiry armed after this instant is due at once
        var moved = await Poll.Until(async () => (await h2.Chat.Conversations.GetAsync(Acme, id)).Routing?.Offer?.AgentId is { } a && a != first);
        var now = await h2.Chat.Conversations.GetAsync(Acme, id);
        output.WriteLine($"after restart+41s: state {now.State}, offer to {now.Routing?.Offer?.AgentId}, previous {now.Routing?.PreviousOffer?.AgentId}");
        moved.Should().BeTrue("the offer made before the restart expires on the new host and moves to the next agent");
        bool NewOfferNotified() => h2.Publisher.Events.OfType<AgentNotification>().Any(n => n.ConversationId == id && n.Kind == AgentNotificationKind.Offered);
        (await Poll.Until(NewOfferNotified)).Should().BeTrue("the new offer reaches the host's publisher");
        fake.Advance(TimeSpan.FromSeconds(10)); // T0+51s: before the second offer's own expiry at about T0+61s
        (await Poll.Until(async () => (await h2.Chat.Conversations.GetAsync(Acme, id)).Routing?.Offer?.AgentId is { } a && a != first)).Should().BeTrue();
        var offered = h2.Publisher.Events.OfType<AgentNotification>().Where(n => n.ConversationId == id && n.Kind == AgentNotificationKind.Offered).ToList();
        output.WriteLine(string.Join(", ", h2.Publisher.Events.OfType<AgentNotification>().Where(n => n.ConversationId == id).Select(n => $"{n.Kind}->{n.AgentId}")));
        offered.Should().ContainSingle("the expiry fired once: one new offer");
        (await h2.Chat.Conversations.GetAsync(Acme, id)).Routing!.Offer!.AgentId.Should().NotBe(first);
    }

    [Fact]
    public async Task Due_unread_reply_email_is_sent_exactly_once_after_a_restart_on_sqlite()
    {
        var file = Files.NewSqlite();
        const string lea = "lea@example.fr";
        ConversationId id;
        await using (var h1 = Host15.Build("sqlite", file, new FakeTimeProvider(T0)))
        {
            await h1.Chat.Email.ConfigureAsync(Acme, new EmailSettings { Sender = EmailAddress.Create("support@acme.example", "ACME") });
            var alice = new AgentId("alice");
            await h1.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 3));
            await h1.Chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
            var (c, token) = await h1.Chat.Conversations.StartAsync(Acme);
            id = c.Id;
            await h1.Chat.Visitors.PostAsync(Acme, id, token, "Livrez-vous à Lyon ?");
            await h1.Chat.Visitors.SubmitContactFormAsync(Acme, id, token, new ContactForm { Name = "Léa", Email = lea });
            await h1.Chat.Conversations.ClaimAsync(Acme, id, alice);
            await h1.Chat.Conversations.PostAgentMessageAsync(Acme, id, alice, "Oui, en 48 heures.");
            await h1.Chat.Email.DispatchDueAsync();
            h1.Transport.Sent.Where(m => m.To.Address == lea).Should().BeEmpty("the window has not ended before the restart");
        }
        var fake = new FakeTimeProvider(T0.AddSeconds(1));
        await using var h2 = Host15.Build("sqlite", file, fake);
        _ = h2.Chat;
        // T0+71s at once: a window armed after the step is due at once; the dispatch in the poll sends what is due.
        fake.Advance(TimeSpan.FromSeconds(70));
        var sent = await Poll.Until(async () => { await h2.Chat.Email.DispatchDueAsync(); return h2.Transport.Sent.Any(m => m.To.Address == lea); });
        foreach (var m in h2.Transport.Sent) output.WriteLine($"{m.To.Address}: {m.Subject}");
        sent.Should().BeTrue("the unread-reply window armed before the restart ends on the new host and sends the e-mail");
        fake.Advance(TimeSpan.FromMinutes(5));
        // Dispatching again sends whatever is due, on this caller's flow: nothing more may go.
        await h2.Chat.Email.DispatchDueAsync();
        await h2.Chat.Email.DispatchDueAsync();
        h2.Transport.Sent.Where(m => m.To.Address == lea).Should().ContainSingle("exactly once");
        h2.Transport.Sent.Single(m => m.To.Address == lea).TextBody.Should().Contain("Oui, en 48 heures.");
    }

    [Fact]
    public async Task Due_contact_form_timer_fires_exactly_once_after_a_restart_on_sqlite()
    {
        var file = Files.NewSqlite();
        var timers = new PlaybookTimers { ContactFormAfterGreeting = TimeSpan.FromSeconds(5), TranscriptOfferAfterEnd = null };
        ConversationId id;
        RecordingPublisher first;
        await using (var h1 = Host15.Build("sqlite", file, new FakeTimeProvider(T0)))
        {
            first = h1.Publisher;
            await h1.Chat.Playbooks.PublishAsync(Acme, Flow(timers: timers));
            id = (await h1.Chat.Conversations.StartAsync(Acme)).Conversation.Id;
            (await Poll.Until(async () => (await Messages(h1.Chat, id)).Any(m => m.Text == Greeting))).Should().BeTrue();
        }

        // The host's disposal waited for its work in flight, so whatever it would have published is recorded by now.
        first.Events.OfType<PlaybookFormRequested>().Should().BeEmpty("the clock did not move on the first host");
        var fake = new FakeTimeProvider(T0.AddSeconds(1));
        await using var h2 = Host15.Build("sqlite", file, fake);
        var (control, _) = await h2.Chat.Conversations.StartAsync(Acme); // greeted at T0+1s on the new host
        (await Poll.Until(async () => (await Messages(h2.Chat, control.Id)).Any(m => m.Text == Greeting))).Should().BeTrue();
        fake.Advance(TimeSpan.FromSeconds(8)); // T0+9s: both forms are due (T0+5s and T0+6s)
        bool Form(ConversationId c) => h2.Publisher.Events.OfType<PlaybookFormRequested>().Any(e => e.ConversationId == c && e.Kind == PlaybookFormKind.ContactForm);
        // No real-time pacing between clock steps: while a form is missing the clock moves one more second, so a timer
        // armed just after the jump (relative to its arming) still comes due.
        bool FormOrTick(ConversationId c) { if (Form(c)) return true; fake.Advance(TimeSpan.FromSeconds(1)); return false; }
        (await Poll.Until(() => FormOrTick(control.Id))).Should().BeTrue("control: a timer armed on this host fires");
        (await Poll.Until(() => FormOrTick(id))).Should().BeTrue("the contact form promised before the restart is shown once the clock reaches it");
        fake.Advance(TimeSpan.FromMinutes(2));
        // Disposing the host waits for the work the clock step started: after it, every form it could show is recorded.
        await h2.DisposeAsync();
        h2.Publisher.Events.OfType<PlaybookFormRequested>().Count(e => e.ConversationId == id && e.Kind == PlaybookFormKind.ContactForm).Should().Be(1);
        h2.Publisher.Events.OfType<PlaybookFormRequested>().Count(e => e.ConversationId == control.Id && e.Kind == PlaybookFormKind.ContactForm).Should().Be(1);
    }
}
