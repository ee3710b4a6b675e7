using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Testing.Storage;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>
/// Issue 15 item 3, due work across a restart (features R7, P7, E4): an offer made, a contact-form timer set and an unread
/// reply waiting when the host is disposed are re-armed by the next host over the same file from the store, with no
/// traffic, and each fires exactly once.
/// </summary>
public sealed class SqliteDueWorkRestartTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task DueWork_AfterARestart_TheOfferExpiryTheContactFormAndTheUnreadReplyEmailEachComeExactlyOnce()
    {
        using var file = new TempDatabase();
        var hosts = new RestartHosts(b => b.UseSqlite(file.ConnectionString).UseSqliteEmailStore(file.ConnectionString), o =>
        {
            o.Routing.Mode = RoutingMode.Offer;
            o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);
            o.Routing.PresenceTimeout = Timeout.InfiniteTimeSpan;
        });
        StartedConversation formVisitor, replyVisitor, offerVisitor;
        RoutingOffer offer;
        await using (var before = await hosts.StartAsync())
        {
            var chat = before.GetRequiredService<LiveChatEngine>();
            await chat.Playbooks.PublishAsync(Acme, RestartHosts.Playbook(new PlaybookTimers { ContactFormAfterGreeting = TimeSpan.FromSeconds(5), TranscriptOfferAfterEnd = null }));
            formVisitor = await chat.Conversations.StartAsync(Acme);

            var alice = new AgentId("alice");
            await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 3));
            await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
            replyVisitor = await chat.Conversations.StartAsync(Acme);
            var handoff = await chat.Conversations.RequestAgentAsync(Acme, replyVisitor.Conversation.Id);
            await chat.Conversations.AcceptOfferAsync(Acme, replyVisitor.Conversation.Id, alice, handoff.Conversation.Routing!.Offer!.Token);
            await chat.Visitors.PostAsync(Acme, replyVisitor.Conversation.Id, replyVisitor.VisitorToken, "Do you ship to Prague?", "q1");
            await chat.Visitors.SubmitContactFormAsync(Acme, replyVisitor.Conversation.Id, replyVisitor.VisitorToken, new ContactForm { Name = "Ana", Email = "ana@example.com" });
            await chat.Conversations.PostAgentMessageAsync(Acme, replyVisitor.Conversation.Id, alice, "Yes, in two days.");
            offerVisitor = await chat.Conversations.StartAsync(Acme);
            offer = (await chat.Conversations.RequestAgentAsync(Acme, offerVisitor.Conversation.Id)).Conversation.Routing!.Offer!;
            await hosts.AdvanceAsync(before, TimeSpan.FromSeconds(2));
            before.GetRequiredService<InMemoryEmailTransport>().Sent.Should().BeEmpty("nothing is due before the restart");
        }

        await using var after = await hosts.StartAsync();
        var again = after.GetRequiredService<LiveChatEngine>();
        await using var events = again.Events.Subscribe(Acme);

        await hosts.AdvanceAsync(after, TimeSpan.FromSeconds(3));
        await hosts.AdvanceAsync(after, TimeSpan.FromMinutes(1));
        await hosts.AdvanceAsync(after, TimeSpan.FromMinutes(10));

        var forms = new List<PlaybookFormRequested>();
        var offerNotices = new List<AgentNotification>();
        while (events.Reader.TryRead(out var e))
        {
            if (e is PlaybookFormRequested form)
            {
                forms.Add(form);
            }
            else if (e is AgentNotification { Kind: AgentNotificationKind.OfferWithdrawn or AgentNotificationKind.Offered } notification
                && notification.ConversationId == offerVisitor.Conversation.Id)
            {
                offerNotices.Add(notification);
            }
        }

        // A withdrawal names no token: those before the conversation's next offer are the old offer's.
        offerNotices.TakeWhile(n => n.Kind != AgentNotificationKind.Offered).Should().ContainSingle("the offer made before the restart expires once, with no traffic after it")
            .Which.AgentId.Should().Be(offer.AgentId);
        (await again.Conversations.GetAsync(Acme, offerVisitor.Conversation.Id)).Routing!.Offer?.Token.Should().NotBe(offer.Token);

        forms.Should().ContainSingle().Which.ConversationId.Should().Be(formVisitor.Conversation.Id);
        (await RestartHosts.BotSaysAsync(after, Acme, formVisitor.Conversation.Id)).Should().ContainSingle(t => t.Contains("introduce", StringComparison.OrdinalIgnoreCase));
        (await again.Playbooks.GetRunAsync(Acme, formVisitor.Conversation.Id))!.PendingForm.Should().Be(PlaybookFormKind.ContactForm);
        var mail = after.GetRequiredService<InMemoryEmailTransport>().Sent.Should().ContainSingle().Which;
        mail.To.Address.Should().Be("ana@example.com");
        mail.TextBody.Should().Contain("Yes, in two days.");
    }
}
