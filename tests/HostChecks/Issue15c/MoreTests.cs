using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Outside;

public class MoreDurableTests
{
    private static readonly WorkspaceId Acme = new("acme");

    private static async Task Online(LiveChatEngine chat, AgentId agent, int capacity = 3)
    {
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(agent, agent.Value, capacity));
        await chat.Agents.SetStatusAsync(Acme, agent, AgentStatus.Online);
        await chat.Agents.HeartbeatAsync(Acme, agent);
    }

    [Fact]
    public async Task SecondHost_PublishesV2_FirstHostPicksItUpAfterCacheDuration_OnItsClock()
    {
        var db = Harness.NewDbPath("cache");
        var clock = Harness.NewClock();
        await using var a = Harness.Build(db, clock, o => o.WorkspaceCacheDuration = TimeSpan.FromSeconds(5));
        await using var b = Harness.Build(db, clock);
        await a.Chat.Playbooks.PublishAsync(Acme, Harness.TwoStepPlaybook());
        var v2 = Harness.TwoStepPlaybook(version: 2) with
        {
            Cards = [new MessageCard { Id = "greet", Text = "GREETING-V2", Next = "bye" }, new EndCard { Id = "bye", Text = "BYE-V2" }],
        };
        await b.Chat.Playbooks.PublishAsync(Acme, v2);
        clock.Advance(TimeSpan.FromSeconds(6));
        var sawV2 = await Harness.Eventually(async () => (await a.Chat.Playbooks.GetActiveAsync(Acme))?.Version == 2);
        sawV2.Should().BeTrue("a process reads the active playbook again once its copy is older than WorkspaceCacheDuration");
        var (conversation, token) = await a.Chat.Conversations.StartAsync(Acme);
        (await a.Chat.Visitors.GetMessagesAsync(Acme, conversation.Id, token)).Should().Contain(m => m.Text.Contains("GREETING-V2"));
    }

    [Fact]
    public async Task ConversationOnV1_FinishesOnV1_AfterV2AndRestart()
    {
        var db = Harness.NewDbPath("versions");
        ConversationId id; string tokenText;
        await using (var a = Harness.Build(db))
        {
            await a.Chat.Playbooks.PublishAsync(Acme, Harness.TwoStepPlaybook());
            var (c, t) = await a.Chat.Conversations.StartAsync(Acme);
            id = c.Id; tokenText = t.Value;
            await a.Chat.Visitors.PostAsync(Acme, id, t, "Sales");
            await a.Chat.Playbooks.PublishAsync(Acme, Harness.TwoStepPlaybook(version: 2) with
            {
                Cards = [new MessageCard { Id = "greet", Text = "GREETING-V2", Next = "bye" }, new EndCard { Id = "bye", Text = "BYE-V2" }],
            });
        }
        await using var b = Harness.Build(db);
        (await b.Chat.Playbooks.GetVersionAsync(Acme, "website", 1)).Should().NotBeNull("every version is kept");
        await b.Chat.Visitors.PostAsync(Acme, id, new VisitorToken(tokenText), "1000");
        var run = await b.Chat.Playbooks.GetRunAsync(Acme, id);
        run!.Version.Should().Be(1);
        (await b.Chat.Conversations.GetMessagesAsync(Acme, id)).Should().Contain(m => m.Text.Contains("THANKS-TEXT"))
            .And.NotContain(m => m.Text.Contains("V2"));
    }

    [Fact]
    public async Task UnreadWindow_EndedWhileDown_IsSentAtStart_Once()
    {
        var db = Harness.NewDbPath("unread-down");
        var clock = Harness.NewClock();
        void Options(LiveChatOptions o)
        {
            o.Email.UnreadDelay = TimeSpan.FromMinutes(1);
            o.Email.DefaultSenderAddress = "support@acme.example";
            o.Routing.PresenceTimeout = TimeSpan.FromHours(1);
        }
        var alice = new AgentId("alice");
        await using (var first = Harness.Build(db, clock, Options))
        {
            await Online(first.Chat, alice);
            var (c, t) = await first.Chat.Conversations.StartAsync(Acme);
            await first.Chat.Visitors.SubmitContactFormAsync(Acme, c.Id, t, new ContactForm { Name = "Jan", Email = "jan@example.cz" });
            await first.Chat.Visitors.PostAsync(Acme, c.Id, t, "Question?");
            await first.Chat.Conversations.ClaimAsync(Acme, c.Id, alice);
            await first.Chat.Conversations.PostAgentMessageAsync(Acme, c.Id, alice, "Answer!");
        }
        clock.Advance(TimeSpan.FromMinutes(10)); // the window ended while no process ran
        await using var second = Harness.Build(db, clock, Options);
        (await Harness.Eventually(async () => { await second.Chat.Email.DispatchDueAsync(); return second.Mail.Sent.Count > 0; }))
            .Should().BeTrue("a window that ended meanwhile is sent at once after the restart");
        await second.Chat.Email.DispatchDueAsync();
        second.Mail.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task TwoLiveHosts_SameUnreadWindow_OneEmailInTotal()
    {
        var db = Harness.NewDbPath("unread-two");
        var clock = Harness.NewClock();
        void Options(LiveChatOptions o)
        {
            o.Email.UnreadDelay = TimeSpan.FromMinutes(1);
            o.Email.DefaultSenderAddress = "support@acme.example";
            o.Routing.PresenceTimeout = TimeSpan.FromHours(1);
        }
        var alice = new AgentId("alice");
        await using var a = Harness.Build(db, clock, Options);
        await Online(a.Chat, alice);
        var (c, t) = await a.Chat.Conversations.StartAsync(Acme);
        await a.Chat.Visitors.SubmitContactFormAsync(Acme, c.Id, t, new ContactForm { Name = "Jan", Email = "jan@example.cz" });
        await a.Chat.Conversations.ClaimAsync(Acme, c.Id, alice);
        await a.Chat.Conversations.PostAgentMessageAsync(Acme, c.Id, alice, "Answer!");
        await using var b = Harness.Build(db, clock, Options); // starts after the window opened: re-arms it
        clock.Advance(TimeSpan.FromSeconds(61));
        (await Harness.Eventually(async () =>
        {
            await a.Chat.Email.DispatchDueAsync();
            await b.Chat.Email.DispatchDueAsync();
            return a.Mail.Sent.Count + b.Mail.Sent.Count > 0;
        })).Should().BeTrue();
        clock.Advance(TimeSpan.FromMinutes(2));
        await a.Chat.Email.DispatchDueAsync();
        await b.Chat.Email.DispatchDueAsync();
        (a.Mail.Sent.Count + b.Mail.Sent.Count).Should().Be(1, "of two processes' timers exactly one carries the item out");
    }

    [Fact]
    public async Task Restart_PresenceGrace_RequeuesAbsentAgentsChatOnce()
    {
        var db = Harness.NewDbPath("grace");
        var clock = Harness.NewClock();
        void Options(LiveChatOptions o)
        {
            o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60);
            o.Routing.RequeuePolicy = RequeuePolicy.Requeue;
            o.Routing.RequeueAfter = TimeSpan.FromMinutes(2);
        }
        var alice = new AgentId("alice");
        ConversationId id;
        await using (var first = Harness.Build(db, clock, Options))
        {
            await Online(first.Chat, alice);
            var (c, _) = await first.Chat.Conversations.StartAsync(Acme);
            id = c.Id;
            (await first.Chat.Conversations.RequestAgentAsync(Acme, id)).Outcome.Should().Be(HandoffOutcome.Assigned);
        }
        await using var second = Harness.Build(db, clock, Options);
        // Alice never sends another heartbeat: absent after 60 s, requeued after the 2-minute grace.
        var requeued = await Harness.AdvanceUntil(clock, TimeSpan.FromSeconds(30), async () => (await second.Chat.Conversations.GetAsync(Acme, id)).State == ConversationState.Unassigned);
        requeued.Should().BeTrue("the presence grace is due work recoverable after a restart");
        var msgs = await second.Chat.Conversations.GetMessagesAsync(Acme, id);
        msgs.Count(m => m.SystemEvent == SystemEvent.Requeued).Should().Be(1);
    }

    [Fact]
    public async Task PublisherEvents_PerConversation_InCommitOrder()
    {
        await using var host = Harness.Build(Harness.NewDbPath("order"));
        var (c, t) = await host.Chat.Conversations.StartAsync(Acme);
        var session = await host.Chat.Visitors.AuthorizeAsync(Acme, c.Id, t);
        var posts = Enumerable.Range(0, 40).Select(k => session.PostAsync($"m{k}", $"c{k}").AsTask()).ToArray();
        await Task.WhenAll(posts);
        (await Harness.Eventually(() => host.Publisher.Events.OfType<MessagePosted>().Count(e => e.ConversationId == c.Id) >= 40)).Should().BeTrue();
        var seqs = host.Publisher.Events.OfType<MessagePosted>().Where(e => e.ConversationId == c.Id).Select(e => e.Message.Sequence).ToList();
        seqs.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }
}

public class HostileStoreTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task GarbageSqliteFile_IsAStoreError_NotADriverException()
    {
        var db = Harness.NewDbPath("garbage");
        await File.WriteAllBytesAsync(db, Enumerable.Repeat((byte)0x5A, 8192).ToArray());
        Exception? ex = null;
        Host? host = null;
        try
        {
            host = Harness.Build(db);
            await host.Chat.Conversations.StartAsync(Acme);
        }
        catch (Exception e) { ex = e; }
        finally { if (host is not null) await Record.ExceptionAsync(async () => await host.DisposeAsync()); }
        ex.Should().NotBeNull("a file that is not a database cannot work");
        LiveChatException.CategoryOf(ex!).Should().Be(LiveChatErrorCategory.Unavailable,
            $"no database or driver exception type ever reaches your code; got {ex!.GetType().FullName}: {ex.Message}");
    }

    [Fact]
    public async Task UnreachableSqlitePath_IsAStoreError_NotADriverException()
    {
        var db = "/proc/definitely/not/here/livechat.db";
        Exception? ex = null;
        Host? host = null;
        try
        {
            host = Harness.Build(db);
            await host.Chat.Conversations.StartAsync(Acme);
        }
        catch (Exception e) { ex = e; }
        finally { if (host is not null) await Record.ExceptionAsync(async () => await host.DisposeAsync()); }
        ex.Should().NotBeNull();
        LiveChatException.CategoryOf(ex!).Should().Be(LiveChatErrorCategory.Unavailable, $"got {ex!.GetType().FullName}: {ex.Message}");
    }

    [Fact]
    public async Task PagingToken_CarriesOverBetweenHosts_OnlyWithSameKey()
    {
        var db = Harness.NewDbPath("paging");
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var alice = new AgentId("alice");
        string token;
        await using (var a = Harness.Build(db, configure: o => o.PagingKey = key))
        {
            await a.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 1));
            for (var k = 0; k < 3; k++)
            {
                var (c, _) = await a.Chat.Conversations.StartAsync(Acme);
                await a.Chat.Conversations.RequestAgentAsync(Acme, c.Id); // nobody online: waits in Unassigned
            }
            var page = await a.Chat.Inbox.ListAsync(Acme, alice, InboxFolder.Unassigned, 1);
            token = page.ContinuationToken!;
            token.Should().NotBeNull();
        }
        await using (var b = Harness.Build(db, configure: o => o.PagingKey = key))
        {
            var page2 = await b.Chat.Inbox.ListAsync(Acme, alice, InboxFolder.Unassigned, 1, token);
            page2.Items.Should().HaveCount(1);
            var otherAgent = async () => await b.Chat.Inbox.ListAsync(Acme, new AgentId("bob"), InboxFolder.Unassigned, 1, token);
            (await Record.ExceptionAsync(otherAgent)).Should().BeAssignableTo<Exception>();
            var otherFolder = async () => await b.Chat.Inbox.ListAsync(Acme, alice, InboxFolder.Ended, 1, token);
            await otherFolder.Should().ThrowAsync<ArgumentException>();
        }
        await using var c2 = Harness.Build(db);
        var noKey = async () => await c2.Chat.Inbox.ListAsync(Acme, alice, InboxFolder.Unassigned, 1, token);
        await noKey.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task CrossWorkspace_AgentAndOfferAbuse_AreRefused()
    {
        await using var host = Harness.Build(configure: o => { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromMinutes(5); });
        var evil = new WorkspaceId("evil");
        var mallory = new AgentId("mallory");
        var alice = new AgentId("alice");
        await host.Chat.Agents.RegisterAsync(evil, new AgentRegistration(mallory, "Mallory", 3));
        await host.Chat.Agents.SetStatusAsync(evil, mallory, AgentStatus.Online);
        await host.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 3));
        await host.Chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        await host.Chat.Agents.HeartbeatAsync(Acme, alice);
        var (c, _) = await host.Chat.Conversations.StartAsync(Acme);
        var handoff = await host.Chat.Conversations.RequestAgentAsync(Acme, c.Id);
        handoff.Outcome.Should().Be(HandoffOutcome.Offered);
        var offer = handoff.Conversation.Routing!.Offer!;

        var attempts = new (string, Func<Task>, LiveChatErrorCategory)[]
        {
            ("claim via other workspace", async () => await host.Chat.Conversations.ClaimAsync(evil, c.Id, mallory), LiveChatErrorCategory.NotFound),
            ("accept via other workspace", async () => await host.Chat.Conversations.AcceptOfferAsync(evil, c.Id, mallory, offer.Token), LiveChatErrorCategory.NotFound),
            ("accept with other agent", async () => await host.Chat.Conversations.AcceptOfferAsync(Acme, c.Id, mallory, offer.Token), LiveChatErrorCategory.NotFound),
            ("accept with wrong token", async () => await host.Chat.Conversations.AcceptOfferAsync(Acme, c.Id, alice, offer.Token + 1000), LiveChatErrorCategory.NotFound),
            ("assign to foreign agent", async () => await host.Chat.Conversations.AssignAsync(Acme, c.Id, mallory), LiveChatErrorCategory.NotFound),
            ("note via other workspace", async () => await host.Chat.Details.AddNoteAsync(evil, c.Id, mallory, "x"), LiveChatErrorCategory.NotFound),
        };
        foreach (var (name, call, category) in attempts)
        {
            var ex = await Record.ExceptionAsync(call);
            ex.Should().NotBeNull(name);
            LiveChatException.CategoryOf(ex!).Should().Be(category, $"{name}: {ex!.GetType().Name}: {ex.Message}");
        }
        var after = await host.Chat.Conversations.GetAsync(Acme, c.Id);
        after.State.Should().Be(ConversationState.Unassigned);
        after.Routing!.Offer!.Token.Should().Be(offer.Token);
        after.AssignedAgentId.Should().BeNull();
    }

    [Fact]
    public async Task BadContactForm_IsRefused_NothingWritten()
    {
        await using var host = Harness.Build();
        var (c, t) = await host.Chat.Conversations.StartAsync(Acme);
        var before = await host.Chat.Conversations.GetAsync(Acme, c.Id);
        foreach (var form in new[]
        {
            new ContactForm(),
            new ContactForm { Name = "a\0b" },
            new ContactForm { Name = new string('n', 100_000) },
            new ContactForm { Name = "x\ud800" },
        })
        {
            var ex = await Record.ExceptionAsync(async () => await host.Chat.Visitors.SubmitContactFormAsync(Acme, c.Id, t, form));
            ex.Should().BeAssignableTo<ArgumentException>($"{form} must be refused as bad input");
        }
        var after = await host.Chat.Conversations.GetAsync(Acme, c.Id);
        after.Version.Should().Be(before.Version);
        after.VisitorName.Should().Be(before.VisitorName);
        (await host.Chat.Identity.GetContactsAsync(Acme)).Should().BeEmpty();
    }

    [Fact]
    public async Task BadStartRequest_IsRefused_NoConversationNumberUsed()
    {
        await using var host = Harness.Build();
        foreach (var req in new[]
        {
            new StartConversationRequest { Channel = new string('c', 129) },
            new StartConversationRequest { VisitorName = "a\0" },
            new StartConversationRequest { VisitorName = new string('v', 10_000) },
            new StartConversationRequest { Channel = "  " },
        })
        {
            (await Record.ExceptionAsync(async () => await host.Chat.Conversations.StartAsync(Acme, req))).Should().BeAssignableTo<ArgumentException>();
        }
        var (c, _) = await host.Chat.Conversations.StartAsync(Acme);
        c.Number.Should().Be(1, "refused starts use no conversation number (C2 gap-free)");
    }

    [Fact]
    public async Task GenericHost_InvalidOptions_FailOnStart()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddLiveChat(o => o.MaxMessageLength = -5);
        using var host = builder.Build();
        var act = async () => await host.StartAsync();
        await act.Should().ThrowAsync<OptionsValidationException>();
    }
}
