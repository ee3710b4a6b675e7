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
using Xunit;

namespace Checks;

/// Work that was done or withdrawn before the restart must not fire after it.
public class CancelledWorkTests
{
    static readonly WorkspaceId Acme = new("acme");
    static readonly AgentId Alice = new("alice");
    static Db Fresh(string kind) => kind == "sqlite" ? SqliteDb.Fresh() : PgDb.Fresh();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("pg")]
    public async Task E4_ReadBeforeRestart_NoEmailAfter(string kind)
    {
        var db = Fresh(kind);
        var time = Fx.Clock();
        var mail = new MailRecorder();
        ConversationId id;
        await using (var h1 = Host.Build(time, db, new Recorder(), mail))
        {
            var chat = h1.Chat;
            await chat.Email.ConfigureAsync(Acme, new EmailSettings { Sender = EmailAddress.Create("support@acme.example", "Acme") });
            await chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 3));
            await chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
            var (c, token) = await chat.Conversations.StartAsync(Acme);
            id = c.Id;
            await chat.Visitors.SubmitContactFormAsync(Acme, id, token, new ContactForm { Name = "Lea", Email = "lea@example.fr" });
            await chat.Conversations.ClaimAsync(Acme, id, Alice);
            var reply = await chat.Conversations.PostAgentMessageAsync(Acme, id, Alice, "Yes.");
            await chat.Visitors.MarkReadAsync(Acme, id, token, reply.Sequence);
        }
        await using var h2 = Host.Build(time, db, new Recorder(), mail);
        time.Advance(TimeSpan.FromMinutes(5));
        // barrier: a page-close on another conversation proves the mail path runs in h2
        await h2.Chat.Email.ConfigureAsync(Acme, new EmailSettings { Sender = EmailAddress.Create("support@acme.example", "Acme") });
        var (c2, t2) = await h2.Chat.Conversations.StartAsync(Acme);
        await h2.Chat.Visitors.SubmitContactFormAsync(Acme, c2.Id, t2, new ContactForm { Name = "Jan", Email = "jan@example.cz" });
        await h2.Chat.Agents.HeartbeatAsync(Acme, Alice);
        await h2.Chat.Conversations.ClaimAsync(Acme, c2.Id, Alice);
        await h2.Chat.Conversations.PostAgentMessageAsync(Acme, c2.Id, Alice, "Hi Jan");
        await h2.Chat.Visitors.PageClosedAsync(Acme, c2.Id, t2);
        await Poll.Until(() => mail.Sent.Any(m => m.To.ToString().Contains("jan@")), "barrier e-mail");
        await Poll.Settle();
        mail.Sent.Where(m => m.To.ToString().Contains("lea@")).Should().BeEmpty("E4: none if read");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("pg")]
    public async Task E4_PageClosedBeforeRestart_NotEmailedTwice(string kind)
    {
        var db = Fresh(kind);
        var time = Fx.Clock();
        var mail = new MailRecorder();
        await using (var h1 = Host.Build(time, db, new Recorder(), mail))
        {
            var chat = h1.Chat;
            await chat.Email.ConfigureAsync(Acme, new EmailSettings { Sender = EmailAddress.Create("support@acme.example", "Acme") });
            await chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 3));
            await chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
            var (c, token) = await chat.Conversations.StartAsync(Acme);
            await chat.Visitors.SubmitContactFormAsync(Acme, c.Id, token, new ContactForm { Name = "Lea", Email = "lea@example.fr" });
            await chat.Conversations.ClaimAsync(Acme, c.Id, Alice);
            await chat.Conversations.PostAgentMessageAsync(Acme, c.Id, Alice, "Yes.");
            await chat.Visitors.PageClosedAsync(Acme, c.Id, token);
            await Poll.Until(() => mail.Sent.Count == 1, "page-close e-mail");
        }
        await using var h2 = Host.Build(time, db, new Recorder(), mail);
        time.Advance(TimeSpan.FromMinutes(5));
        await Poll.Settle(1000);
        mail.Sent.Count(m => m.To.ToString().Contains("lea@")).Should().Be(1, "E4: never twice");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("pg")]
    public async Task R7_AcceptedBeforeRestart_NoExpiryAfter(string kind)
    {
        var db = Fresh(kind);
        var time = Fx.Clock();
        void Opt(LiveChatOptions o) { o.Routing.Mode = RoutingMode.Offer; o.Routing.OfferTimeout = TimeSpan.FromSeconds(30); o.Routing.PresenceTimeout = Timeout.InfiniteTimeSpan; }
        ConversationId id;
        await using (var h1 = Host.Build(time, db, new Recorder(), configure: Opt))
        {
            await h1.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 2));
            await h1.Chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
            var (c, _) = await h1.Chat.Conversations.StartAsync(Acme);
            id = c.Id;
            var ho = await h1.Chat.Conversations.RequestAgentAsync(Acme, id);
            await h1.Chat.Conversations.AcceptOfferAsync(Acme, id, Alice, ho.Conversation.Routing!.Offer!.Token);
        }
        var rec2 = new Recorder();
        await using var h2 = Host.Build(time, db, rec2, configure: Opt);
        time.Advance(TimeSpan.FromMinutes(2));
        await Poll.Settle(1000);
        var conv = await h2.Chat.Conversations.GetAsync(Acme, id);
        conv.State.Should().Be(ConversationState.Assigned);
        conv.AssignedAgentId.Should().Be(Alice);
        rec2.Of<AgentNotification>().Should().NotContain(n => n.Kind == AgentNotificationKind.OfferWithdrawn);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("pg")]
    public async Task P7_FormCancelledByHandoffBeforeRestart_NotShownAfter(string kind)
    {
        var db = Fresh(kind);
        var time = Fx.Clock();
        ConversationId id;
        await using (var h1 = Host.Build(time, db, new Recorder()))
        {
            await h1.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 2));
            await h1.Chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
            await h1.Chat.Playbooks.PublishAsync(Acme, new Playbook
            {
                Id = "web", Version = 1, Language = "en", StartCardId = "greet",
                Cards = [new MessageCard { Id = "greet", Text = "Hello", Next = "q" }, new FreeTextQuestionCard { Id = "q", Text = "What?", Next = "bye" }, new EndCard { Id = "bye", Text = "Bye" }],
            });
            var (c, t) = await h1.Chat.Conversations.StartAsync(Acme);
            id = c.Id;
            (await h1.Chat.Visitors.RequestAgentAsync(Acme, id, t)).Should().Be(HandoffOutcome.Assigned);
        }
        var rec2 = new Recorder();
        await using var h2 = Host.Build(time, db, rec2);
        time.Advance(TimeSpan.FromSeconds(30));
        await Poll.Settle(1000);
        rec2.Of<PlaybookFormRequested>().Should().BeEmpty("the form is cancelled when an agent joins (P7)");
    }
}
