using System.Globalization;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Scenarios.Email;

/// <summary>
/// E4: replies the visitor has not seen for a minute, or since closing the page, are e-mailed: the question, the replies
/// and a link back; one e-mail per batch window, none if they were read, never twice.
/// </summary>
public sealed class E4_UnreadMessageEmailTests
{
    [Fact]
    public async Task AReplyUnreadForOneMinute_IsEmailed_WithTheQuestionTheReplyAndALinkBack()
    {
        await using var s = new EmailScenario();
        var (started, agent) = await s.AssignedWithAddressAsync();
        var id = started.Conversation.Id;

        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, id, agent, "Yes, in two days.");
        await s.AdvanceAsync(TimeSpan.FromSeconds(59));
        s.Sent.Should().BeEmpty("the minute has not passed");
        await s.AdvanceAsync(TimeSpan.FromSeconds(1));

        var mail = s.Sent.Should().ContainSingle().Which;
        mail.To.Should().Be(EmailAddress.Create("ana@example.com", "Ana"));
        mail.From.Address.Should().Be(EmailScenario.AdminAddress);
        mail.Subject.Should().Contain($"#{started.Conversation.Number}");
        foreach (var body in new[] { mail.HtmlBody, mail.TextBody })
        {
            body.Should().Contain("Do you ship to Prague?").And.Contain("Yes, in two days.").And.Contain($"https://example.com/chat/{id}");
        }

        await s.AdvanceAsync(TimeSpan.FromMinutes(10));
        s.Sent.Should().ContainSingle("the same replies are never e-mailed twice");
    }

    [Fact]
    public async Task TheLinkBack_CarriesTheIdInItsOneStandardForm_WhichParseReadsBack()
    {
        await using var s = new EmailScenario();
        var (started, agent) = await s.AssignedWithAddressAsync();
        var id = started.Conversation.Id;

        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, id, agent, "Yes.");
        await s.AdvanceAsync(TimeSpan.FromMinutes(1));

        var standard = id.Value.ToString("D");
        id.ToString().Should().Be(standard, "an id has one string form, the Guid's standard one with dashes");
        ConversationId.Parse(standard, CultureInfo.InvariantCulture).Should().Be(id);
        var mail = s.Sent.Should().ContainSingle().Which;
        mail.TextBody.Should().Contain($"https://example.com/chat/{standard}");
        var link = mail.TextBody.Split(["https://example.com/chat/"], StringSplitOptions.None)[1];
        ConversationId.Parse(link[..standard.Length], CultureInfo.InvariantCulture).Should().Be(id);
        var delivery = await s.Chat.Email.GetDeliveryAsync(mail.MessageId[..mail.MessageId.IndexOf('@', StringComparison.Ordinal)]);
        delivery.Should().NotBeNull();
        delivery!.Id.Should().Contain(standard, "the delivery id names the conversation in the same form");
    }

    [Fact]
    public async Task RepliesReadWithinTheMinute_AreNotEmailed()
    {
        await using var s = new EmailScenario();
        var (started, agent) = await s.AssignedWithAddressAsync();
        var reply = await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, started.Conversation.Id, agent, "Yes.");

        await s.AdvanceAsync(TimeSpan.FromSeconds(30));
        await s.Chat.Visitors.MarkReadAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, reply.Sequence);
        await s.AdvanceAsync(TimeSpan.FromMinutes(5));

        s.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task PageClosed_EmailsTheUnreadRepliesAtOnce_AndNotAgainWhenTheMinutePasses()
    {
        await using var s = new EmailScenario();
        var (started, agent) = await s.AssignedWithAddressAsync();
        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, started.Conversation.Id, agent, "Here is the tracking link.");

        var delivery = await s.Chat.Visitors.PageClosedAsync(s.Workspace, started.Conversation.Id, started.VisitorToken);
        await s.SettleAsync();

        delivery.Should().NotBeNull();
        s.Sent.Should().ContainSingle().Which.TextBody.Should().Contain("Here is the tracking link.");
        await s.AdvanceAsync(TimeSpan.FromMinutes(2));
        s.Sent.Should().ContainSingle();
        (await s.Chat.Visitors.PageClosedAsync(s.Workspace, started.Conversation.Id, started.VisitorToken)).Should().BeNull();
    }

    [Fact]
    public async Task RepliesWithinOneWindow_MakeOneEmail_AndALaterReplyTheNext()
    {
        await using var s = new EmailScenario();
        var (started, agent) = await s.AssignedWithAddressAsync();
        var id = started.Conversation.Id;

        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, id, agent, "First.");
        await s.AdvanceAsync(TimeSpan.FromSeconds(20));
        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, id, agent, "Second.");
        await s.AdvanceAsync(TimeSpan.FromSeconds(20));
        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, id, agent, "Third.");
        await s.AdvanceAsync(TimeSpan.FromSeconds(20));
        s.Sent.Should().ContainSingle().Which.TextBody.Should().Contain("First.").And.Contain("Second.").And.Contain("Third.");

        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, id, agent, "Fourth.");
        await s.AdvanceAsync(TimeSpan.FromMinutes(1));

        s.Sent.Should().HaveCount(2);
        s.Sent[1].TextBody.Should().Contain("Fourth.").And.NotContain("First.");
    }

    [Fact]
    public async Task NoAddressLeft_NoEmail()
    {
        await using var s = new EmailScenario();
        var agent = await s.H.OnlineAgentAsync("alice");
        var started = await s.H.AssignedToAsync(agent);
        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, started.Conversation.Id, agent, "Hello?");

        await s.AdvanceAsync(TimeSpan.FromMinutes(5));

        s.Sent.Should().BeEmpty();
        (await s.Chat.Visitors.PageClosedAsync(s.Workspace, started.Conversation.Id, started.VisitorToken)).Should().BeNull();
    }

    [Fact]
    public async Task Hostile_TenThousandRapidReplies_ToOneOfflineVisitor_MakeOneEmailPerWindow()
    {
        await using var s = new EmailScenario(o => o.MaxMessageLength = 100);
        var (started, agent) = await s.AssignedWithAddressAsync();
        var id = started.Conversation.Id;

        for (var i = 0; i < 10_000; i++)
        {
            await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, id, agent, $"spam {i}");
        }

        await s.AdvanceAsync(TimeSpan.FromMinutes(1));
        var mail = s.Sent.Should().ContainSingle().Which;
        mail.TextBody.Should().Contain("spam 9999").And.Contain("9980 earlier replies");
        mail.TextBody.Should().NotContain("spam 0\n");

        for (var i = 0; i < 10_000; i++)
        {
            await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, id, agent, $"more {i}");
        }

        await s.AdvanceAsync(TimeSpan.FromMinutes(1));
        s.Sent.Should().HaveCount(2);
        await s.AdvanceAsync(TimeSpan.FromMinutes(10));
        s.Sent.Should().HaveCount(2);
    }

    [Fact]
    public async Task DisposingTheHost_ClosesOpenWindows_SoNoTimerFiresIntoIt()
    {
        var s = new EmailScenario();
        var (started, agent) = await s.AssignedWithAddressAsync();
        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, started.Conversation.Id, agent, "Still there?");
        var outbox = s.H.Services.GetRequiredService<IEmailStore>();

        await s.DisposeAsync();
        s.H.Clock.Advance(TimeSpan.FromMinutes(5));
        await s.Chat.Email.WhenIdleAsync();

        (await outbox.GetDueAsync(s.H.Clock.GetUtcNow().AddYears(1), 10)).Should().BeEmpty("the window's timer was stopped with the host");
    }
}
