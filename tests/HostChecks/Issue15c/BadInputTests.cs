using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Outside;

public class BadInputTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task RefusedPosts_LeaveNothingHalfWritten()
    {
        var db = Harness.NewDbPath("refused");
        await using var host = Harness.Build(db);
        var chat = host.Chat;
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "first", "id-1");
        var before = await chat.Conversations.GetAsync(Acme, conversation.Id);

        var attempts = new Func<Task>[]
        {
            async () => await chat.Visitors.PostAsync(Acme, conversation.Id, token, new string('x', 1_000_000)),
            async () => await chat.Visitors.PostAsync(Acme, conversation.Id, token, "nul\0inside"),
            async () => await chat.Visitors.PostAsync(Acme, conversation.Id, token, "lone \ud800 surrogate"),
            async () => await chat.Visitors.PostAsync(Acme, conversation.Id, token, ""),
            async () => await chat.Visitors.PostAsync(Acme, conversation.Id, token, "   "),
            async () => await chat.Visitors.PostAsync(Acme, conversation.Id, token, "ok", new string('c', 129)),
            async () => await chat.Visitors.PostAsync(Acme, conversation.Id, token, "different text", "id-1"),
            async () => await chat.Visitors.PostAsync(Acme, conversation.Id, default, "x"),
            async () => await chat.Visitors.PostAsync(default, conversation.Id, token, "x"),
            async () => await chat.Visitors.PostAsync(Acme, default, token, "x"),
            async () => await chat.Visitors.PostAsync(new WorkspaceId("evil"), conversation.Id, token, "cross-tenant"),
        };
        var i = 0;
        foreach (var attempt in attempts)
        {
            var ex = await Record.ExceptionAsync(attempt);
            ex.Should().NotBeNull($"attempt {i} must be refused");
            LiveChatException.CategoryOf(ex!).Should().NotBeNull($"attempt {i} ({ex!.GetType().Name}: {ex.Message}) must map to an HTTP status");
            ex.Message.Should().NotContain(token.Value);
            i++;
        }

        var after = await chat.Conversations.GetAsync(Acme, conversation.Id);
        after.LastSequence.Should().Be(before.LastSequence, "nothing half-written after refused calls");
        after.Version.Should().Be(before.Version);
        var messages = await chat.Conversations.GetMessagesAsync(Acme, conversation.Id);
        messages.Where(m => m.Sender.Kind == SenderKind.Visitor).Select(m => m.Text).Should().Equal("first");

        // The retry with the same id and text is idempotent.
        var retry = await chat.Visitors.PostAsync(Acme, conversation.Id, token, "first", "id-1");
        retry.Sequence.Should().Be(messages.Single(m => m.Text == "first").Sequence);
    }

    [Fact]
    public async Task MessageAtExactLimit_IsAccepted_AndOneOverIsMessageTooLong()
    {
        await using var host = Harness.Build(configure: o => o.MaxMessageLength = 50);
        var (conversation, token) = await host.Chat.Conversations.StartAsync(Acme);
        await host.Chat.Visitors.PostAsync(Acme, conversation.Id, token, new string('a', 50));
        var act = async () => await host.Chat.Visitors.PostAsync(Acme, conversation.Id, token, new string('a', 51));
        LiveChatException.CategoryOf((await act.Should().ThrowAsync<MessageTooLongException>()).Which).Should().Be(LiveChatErrorCategory.Invalid);
    }

    [Fact]
    public async Task MarkupInNamesAndMessages_IsKeptExactly_OnSqlite()
    {
        var db = Harness.NewDbPath("markup");
        var agentName = "<b onmouseover=alert(1)>Alice</b>";
        var visitorName = "\"><script>alert('x')</script>";
        var text = "<iframe src=javascript:alert(1)></iframe> & ‮RTL‬ 😀";
        ConversationId id;
        await using (var host = Harness.Build(db))
        {
            var alice = new AgentId("alice");
            await host.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, agentName, 2));
            await host.Chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
            await host.Chat.Agents.HeartbeatAsync(Acme, alice);
            var (conversation, token) = await host.Chat.Conversations.StartAsync(Acme, new StartConversationRequest { VisitorName = visitorName });
            id = conversation.Id;
            await host.Chat.Visitors.PostAsync(Acme, id, token, text);
            await host.Chat.Visitors.RequestAgentAsync(Acme, id, token);
        }
        await using var again = Harness.Build(db);
        var c = await again.Chat.Conversations.GetAsync(Acme, id);
        c.VisitorName.Should().Be(visitorName);
        var messages = await again.Chat.Conversations.GetMessagesAsync(Acme, id);
        messages.Should().Contain(m => m.Text == text);
        messages.Should().Contain(m => m.SystemEvent == SystemEvent.AgentJoined && m.Text.Contains(agentName));
    }

    [Fact]
    public async Task InvalidEmailSettings_AreRefused_WithParamName_AndNothingChanges()
    {
        await using var host = Harness.Build(Harness.NewDbPath("settings"));
        var good = new EmailSettings { Sender = EmailAddress.Create("a@acme.example"), WorkspaceName = "ACME", DefaultLanguage = "fr" };
        await host.Chat.Email.ConfigureAsync(Acme, good);

        var bad = new (EmailSettings Settings, string Why)[]
        {
            (good with { WorkspaceName = "ACME\r\nBcc: victim@example.com" }, "CRLF"),
            (good with { WorkspaceName = new string('n', 201) }, "too long"),
            (good with { WorkspaceName = "   " }, "white space"),
            (good with { TimeZone = "Mars/Olympus" }, "unknown zone"),
            (good with { ConversationLinkTemplate = "javascript:alert(1)" }, "not http(s)"),
            (good with { DefaultLanguage = "xx" }, "no templates"),
            (good with { Sender = default(EmailAddress) }, "default sender"),
        };
        foreach (var (settings, why) in bad)
        {
            var act = async () => await host.Chat.Email.ConfigureAsync(Acme, settings);
            var thrown = await act.Should().ThrowAsync<ArgumentException>(why);
            thrown.Which.ParamName.Should().NotBeNullOrEmpty($"the message names the setting ({why})");
        }
        (await host.Chat.Email.GetSettingsAsync(Acme)).Should().Be(good);
    }

    [Fact]
    public async Task InvalidPlaybook_IsRefused_PreviousStaysActive()
    {
        await using var host = Harness.Build(Harness.NewDbPath("playbook-bad"));
        await host.Chat.Playbooks.PublishAsync(Acme, Harness.TwoStepPlaybook());
        var broken = Harness.TwoStepPlaybook(version: 2) with
        {
            Cards = [new MessageCard { Id = "greet", Text = "hi", Next = "nowhere" }, new MessageCard { Id = "greet", Text = "dup", Next = "greet" }],
        };
        var act = async () => await host.Chat.Playbooks.PublishAsync(Acme, broken);
        var ex = (await act.Should().ThrowAsync<PlaybookValidationException>()).Which;
        LiveChatException.CategoryOf(ex).Should().Be(LiveChatErrorCategory.Invalid);
        (await host.Chat.Playbooks.GetActiveAsync(Acme))!.Version.Should().Be(1);

        var older = async () => await host.Chat.Playbooks.PublishAsync(Acme, Harness.TwoStepPlaybook(version: 1));
        (await older.Should().ThrowAsync<PlaybookVersionConflictException>()).Which.Category.Should().Be(LiveChatErrorCategory.Conflict);

        var malformed = () => PlaybookJson.Deserialize("{\"schemaVersion\": 1, \"cards\": [");
        malformed.Should().Throw<PlaybookValidationException>();
        var huge = Harness.TwoStepPlaybook(version: 3) with
        {
            Cards = [new MessageCard { Id = "greet", Text = new string('x', PlaybookValidator.MaxTextLength + 1), Next = "bye" }, new EndCard { Id = "bye", Text = "bye" }],
        };
        var hugeAct = async () => await host.Chat.Playbooks.PublishAsync(Acme, huge);
        await hugeAct.Should().ThrowAsync<PlaybookValidationException>();
        (await host.Chat.Playbooks.GetActiveAsync(Acme))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task BadTexts_AreRefused_AndNothingChanges()
    {
        await using var host = Harness.Build(Harness.NewDbPath("texts"));
        var original = host.Chat.Playbooks.Texts.Get("fr", SystemText.ConversationEnded, Acme);
        var attempts = new Func<Task>[]
        {
            async () => await host.Chat.Playbooks.Texts.SetAsync("xx", SystemText.ConversationEnded, "x", Acme),
            async () => await host.Chat.Playbooks.Texts.SetAsync("fr", SystemText.ConversationEnded, "", Acme),
            async () => await host.Chat.Playbooks.Texts.SetAsync("fr", SystemText.ConversationEnded, new string('t', 2001), Acme),
            async () => await host.Chat.Playbooks.Texts.SetAsync("fr", SystemText.ConversationEnded, "a\0b", Acme),
            async () => await host.Chat.Playbooks.Texts.SetAsync("fr", (SystemText)9999, "x", Acme),
            async () => await host.Chat.Playbooks.Texts.SetAsync("fr", SystemText.ConversationEnded, "x", default),
        };
        foreach (var a in attempts)
            (await Record.ExceptionAsync(a)).Should().BeAssignableTo<ArgumentException>();
        host.Chat.Playbooks.Texts.Get("fr", SystemText.ConversationEnded, Acme).Should().Be(original);
    }

    [Fact]
    public async Task BadAgentRegistration_IsRefused_NothingRegistered()
    {
        await using var host = Harness.Build(Harness.NewDbPath("agents"));
        var attempts = new Func<Task>[]
        {
            async () => await host.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(new AgentId("a1"), "A", -1)),
            async () => await host.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(new AgentId("a2"), "A", AgentService.MaxCapacity + 1)),
            async () => await host.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(new AgentId("a3"), "", 1)),
            async () => await host.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(new AgentId("a4"), "nul\0", 1)),
            async () => await host.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(new AgentId("a5"), new string('n', 100_000), 1)),
            async () => await host.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(new AgentId("a6"), "A", 1) { Teams = [new TeamId("ghost-team")] }),
            async () => await host.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(default, "A", 1)),
        };
        var n = 0;
        foreach (var a in attempts)
        {
            var ex = await Record.ExceptionAsync(a);
            ex.Should().NotBeNull($"registration {n} must be refused");
            LiveChatException.CategoryOf(ex!).Should().NotBeNull($"{ex!.GetType().Name}: {ex.Message}");
            n++;
        }
        (await host.Chat.Agents.ListAsync(Acme)).Should().BeEmpty("nothing half-registered");
    }

    [Fact]
    public async Task TamperedInboxToken_IsArgumentException()
    {
        await using var host = Harness.Build();
        var alice = new AgentId("alice");
        await host.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 1));
        for (var k = 0; k < 3; k++) await host.Chat.Conversations.StartAsync(Acme);
        foreach (var tampered in new[] { "garbage", "AAAA", new string('A', 5000), "%%%" })
        {
            var act = async () => await host.Chat.Inbox.ListAsync(Acme, alice, InboxFolder.Unassigned, 1, tampered);
            await act.Should().ThrowAsync<ArgumentException>();
        }
    }

    [Fact]
    public async Task FrenchPlaybook_AgentJoined_IsNotEnglish()
    {
        await using var host = Harness.Build();
        var alice = new AgentId("alice");
        await host.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 2));
        await host.Chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        await host.Chat.Agents.HeartbeatAsync(Acme, alice);
        await host.Chat.Playbooks.PublishAsync(Acme, new Playbook
        {
            Id = "fr", Version = 1, Language = "fr", StartCardId = "greet",
            Timers = new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = null },
            Cards = [new MessageCard { Id = "greet", Text = "Bonjour !", Next = "chat" }, new LiveChatCard { Id = "chat", OfflineFlow = "off" }, new OfflineFlowCard { Id = "off", Next = "bye" }, new EndCard { Id = "bye", Text = "Au revoir" }],
        });
        var (conversation, token) = await host.Chat.Conversations.StartAsync(Acme);
        (await Harness.Eventually(async () => (await host.Chat.Conversations.GetAsync(Acme, conversation.Id)).State == ConversationState.Assigned))
            .Should().BeTrue();
        var joined = (await host.Chat.Visitors.GetMessagesAsync(Acme, conversation.Id, token)).Single(m => m.SystemEvent == SystemEvent.AgentJoined);
        var expected = string.Format(System.Globalization.CultureInfo.InvariantCulture, host.Chat.Playbooks.Texts.Get("fr", SystemText.AgentJoined, Acme), "Alice");
        joined.Text.Should().Be(expected, "system texts come from the localized catalogue in the conversation's language");
        joined.Text.Should().NotContain("joined");
        await host.Chat.Conversations.EndAsync(Acme, conversation.Id, alice);
        var ended = (await host.Chat.Conversations.GetMessagesAsync(Acme, conversation.Id)).Single(m => m.SystemEvent == SystemEvent.Ended);
        ended.Text.Should().NotContainEquivalentOf("conversation ended");
    }

    [Fact]
    public void InvalidOptions_AreRefusedOnStart()
    {
        foreach (var configure in new Action<LiveChat.Core.LiveChatOptions>[]
        {
            o => o.MaxMessageLength = 0,
            o => o.WorkspaceCacheDuration = TimeSpan.FromHours(2),
            o => o.WorkspaceCacheDuration = TimeSpan.FromSeconds(-1),
            o => o.Routing.OfferTimeout = TimeSpan.Zero,
            o => o.PagingKey = "not base64 at all!",
        })
        {
            var services = new ServiceCollection();
            services.AddLiveChat(configure);
            using var provider = services.BuildServiceProvider();
            var act = () => provider.GetRequiredService<LiveChatEngine>();
            act.Should().Throw<OptionsValidationException>();
        }
    }
}

public class LifecycleTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task AfterDispose_WritesAreRefused_WithEngineStopped_AndChangeNothing()
    {
        var db = Harness.NewDbPath("stopped");
        var host = Harness.Build(db);
        var chat = host.Chat;
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 2));
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "before");
        await host.DisposeAsync();

        var writes = new (string Name, Func<Task> Call)[]
        {
            ("visitor post", async () => await chat.Visitors.PostAsync(Acme, conversation.Id, token, "after")),
            ("start", async () => await chat.Conversations.StartAsync(Acme)),
            ("status", async () => await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online)),
            ("heartbeat", async () => await chat.Agents.HeartbeatAsync(Acme, alice)),
            ("handoff", async () => await chat.Conversations.RequestAgentAsync(Acme, conversation.Id)),
            ("end", async () => await chat.Conversations.EndAsync(Acme, conversation.Id)),
            ("publish", async () => await chat.Playbooks.PublishAsync(Acme, Harness.TwoStepPlaybook())),
        };
        foreach (var (name, call) in writes)
        {
            var ex = await Record.ExceptionAsync(call);
            ex.Should().BeOfType<EngineStoppedException>($"'{name}' after dispose must be refused with EngineStoppedException, got {ex?.GetType().Name}: {ex?.Message}");
            ((LiveChatException)ex!).Category.Should().Be(LiveChatErrorCategory.Unavailable);
        }

        await using var again = Harness.Build(db);
        var c = await again.Chat.Conversations.GetAsync(Acme, conversation.Id);
        c.State.Should().Be(ConversationState.BotFlow);
        (await again.Chat.Conversations.GetMessagesAsync(Acme, conversation.Id)).Select(m => m.Text).Should().NotContain("after");
        (await again.Chat.Agents.GetAsync(Acme, alice)).Status.Should().Be(AgentStatus.Offline);
        (await again.Chat.Playbooks.GetActiveAsync(Acme)).Should().BeNull();
    }

    [Fact]
    public async Task AfterDispose_SettingsWrites_AreRefusedWithALiveChatException_NotADriverError()
    {
        var db = Harness.NewDbPath("stopped-settings");
        var host = Harness.Build(db);
        var chat = host.Chat;
        await chat.Email.ConfigureAsync(Acme, new EmailSettings { DefaultLanguage = "fr" });
        await host.DisposeAsync();
        var attempts = new (string, Func<Task>)[]
        {
            ("email configure", async () => await chat.Email.ConfigureAsync(Acme, new EmailSettings { DefaultLanguage = "cs" })),
            ("texts", async () => await chat.Playbooks.Texts.SetAsync("fr", SystemText.ConversationEnded, "Fin", Acme)),
            ("identity", async () => await chat.Identity.ConfigureAsync(Acme, LiveChat.Core.Identity.IdentitySettings.Default with { DefaultRegion = "FR" })),
        };
        foreach (var (name, a) in attempts)
        {
            var ex = await Record.ExceptionAsync(a);
            if (ex is not null)
                LiveChatException.CategoryOf(ex).Should().NotBeNull($"'{name}' after dispose threw {ex.GetType().FullName}: {ex.Message}; every SDK exception is a LiveChatException or ArgumentException");
        }
    }

    [Fact]
    public async Task AfterDispose_ReadsKeepWorking_OnTheInMemoryStore()
    {
        var host = Harness.Build();
        var (conversation, _) = await host.Chat.Conversations.StartAsync(Acme);
        await host.DisposeAsync();
        var c = await host.Chat.Conversations.GetAsync(Acme, conversation.Id);
        c.Id.Should().Be(conversation.Id, "reads keep working while the store does (EngineStoppedException docs)");
    }

    [Fact]
    public async Task GenericHost_StartsEngine_AndStopDrainsThenRefuses()
    {
        var db = Harness.NewDbPath("generic-host");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddLiveChat().UseSqlite($"Data Source={db}");
        var host = builder.Build();
        await host.StartAsync();
        var chat = host.Services.GetRequiredService<LiveChatEngine>();
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "hello");
        await host.StopAsync();
        host.Dispose();
        var ex = await Record.ExceptionAsync(async () => await chat.Visitors.PostAsync(Acme, conversation.Id, token, "late"));
        ex.Should().BeOfType<EngineStoppedException>();

        await using var again = Harness.Build(db);
        (await again.Chat.Conversations.GetMessagesAsync(Acme, conversation.Id)).Select(m => m.Text).Should().Contain("hello").And.NotContain("late");
    }
}
