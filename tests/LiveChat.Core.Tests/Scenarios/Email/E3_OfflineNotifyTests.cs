using LiveChat.Core.Conversations;
using LiveChat.Core.Email;

namespace LiveChat.Core.Tests.Scenarios.Email;

/// <summary>E3: nobody is available; the visitor leaves an address, and the agent's later reply reaches them by e-mail.</summary>
public sealed class E3_OfflineNotifyTests
{
    [Fact]
    public async Task LeaveContacts_WhileOffline_TheLaterReplyArrivesByEmail()
    {
        await using var s = new EmailScenario();
        var started = await s.H.StartAsync();
        var id = started.Conversation.Id;
        await s.Chat.Visitors.PostAsync(s.Workspace, id, started.VisitorToken, "Can I return a used item?");
        (await s.Chat.Visitors.RequestAgentAsync(s.Workspace, id, started.VisitorToken)).Should().Be(HandoffOutcome.Offline);
        await s.Chat.Visitors.SubmitContactFormAsync(s.Workspace, id, started.VisitorToken, new ContactForm { Email = "olga@example.com" });
        await s.AdvanceAsync(TimeSpan.FromHours(2));
        s.Sent.Should().BeEmpty("nobody has replied yet");

        var agent = await s.H.OnlineAgentAsync("alice");
        await s.H.SettleAsync();
        var conversation = await s.Chat.Conversations.GetAsync(s.Workspace, id);
        if (conversation.AssignedAgentId != agent)
        {
            await s.Chat.Conversations.ClaimAsync(s.Workspace, id, agent);
        }

        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, id, agent, "Yes, within 30 days.");
        await s.AdvanceAsync(TimeSpan.FromMinutes(1));

        var mail = s.Sent.Should().ContainSingle().Which;
        mail.To.Address.Should().Be("olga@example.com");
        mail.Subject.Should().Contain("We have replied");
        mail.TextBody.Should().Contain("Can I return a used item?").And.Contain("Yes, within 30 days.");
        mail.HtmlBody.Should().Contain("https://example.com/chat/" + id);
        (await s.Chat.Email.GetRecipientAsync(s.Workspace, id))!.LeftWhileOffline.Should().BeTrue();
    }
}
