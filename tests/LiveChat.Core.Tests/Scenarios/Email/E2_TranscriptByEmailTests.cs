using LiveChat.Core.Conversations;
using LiveChat.Core.Email;

namespace LiveChat.Core.Tests.Scenarios.Email;

/// <summary>E2: the visitor asks for the transcript by e-mail; it comes from the workspace's admin address and shows the number (C2).</summary>
public sealed class E2_TranscriptByEmailTests
{
    [Fact]
    public async Task SendTranscript_FromTheAdminAddress_WithTheConversationNumber_InHtmlAndText()
    {
        await using var s = new EmailScenario();
        var agent = await s.H.OnlineAgentAsync("alice");
        await s.H.StartAsync();
        var started = await s.H.AssignedToAsync(agent);
        var id = started.Conversation.Id;
        await s.Chat.Visitors.PostAsync(s.Workspace, id, started.VisitorToken, "Is the blue sofa in stock?");
        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, id, agent, "Yes, 3 left.");

        var delivery = await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, id, started.VisitorToken, "ana@example.com");
        await s.SettleAsync();

        var mail = s.Sent.Should().ContainSingle().Which;
        mail.From.Address.Should().Be(EmailScenario.AdminAddress);
        mail.To.Address.Should().Be("ana@example.com");
        mail.Subject.Should().Contain("#2").And.Contain("ACME");
        mail.HtmlBody.Should().Contain("#2").And.Contain("Is the blue sofa in stock?").And.Contain("Yes, 3 left.");
        mail.TextBody.Should().Contain("#2").And.Contain("Is the blue sofa in stock?").And.Contain("Yes, 3 left.");
        mail.MessageId.Should().EndWith("@acme.example");
        var status = await s.Chat.Email.GetDeliveryAsync(delivery.Id);
        status!.Status.Should().Be(EmailDeliveryStatus.Sent);
        status.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task SendTranscript_AfterTheEnd_ToTheAddressLeftBefore()
    {
        await using var s = new EmailScenario();
        var (started, agent) = await s.AssignedWithAddressAsync();
        await s.Chat.Conversations.EndAsync(s.Workspace, started.Conversation.Id, agent);

        await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, started.VisitorToken);
        await s.SettleAsync();

        var mail = s.Sent.Should().ContainSingle(m => m.Subject.Contains("Your conversation")).Which;
        mail.To.Address.Should().Be("ana@example.com");
        mail.TextBody.Should().Contain("Ended:");
    }

    [Fact]
    public async Task SendTranscript_NoAddressGivenOrLeft_ThrowsNoEmailAddress()
    {
        await using var s = new EmailScenario();
        var started = await s.H.StartAsync();

        var act = async () => await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, started.VisitorToken);

        (await act.Should().ThrowAsync<NoEmailAddressException>()).Which.ConversationId.Should().Be(started.Conversation.Id);
        await s.SettleAsync();
        s.Sent.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("ana")]
    [InlineData("ana@example")]
    [InlineData("ana example@example.com")]
    [InlineData("ana@example.com\r\nBcc: everyone@example.com")]
    [InlineData("<ana@example.com>")]
    public async Task SendTranscript_MalformedAddress_ThrowsInvalidEmailAddress_AndSavesNothing(string address)
    {
        await using var s = new EmailScenario();
        var started = await s.H.StartAsync();

        var act = async () => await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, address);

        await act.Should().ThrowAsync<InvalidEmailAddressException>();
        (await s.Chat.Email.GetRecipientAsync(s.Workspace, started.Conversation.Id)).Should().BeNull();
    }

    [Fact]
    public async Task SendTranscript_WrongToken_IsNotFound()
    {
        await using var s = new EmailScenario();
        var started = await s.H.StartAsync();
        var other = await s.H.StartAsync();

        var act = async () => await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, other.VisitorToken, "ana@example.com");

        await act.Should().ThrowAsync<ConversationNotFoundException>();
    }

    [Fact]
    public async Task SendTranscript_RetriedWithTheSameRequestId_SendsOneEmail()
    {
        await using var s = new EmailScenario();
        var started = await s.H.StartAsync();

        var first = await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, "ana@example.com", "click-1");
        var retry = await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, "ana@example.com", "click-1");
        await s.SettleAsync();

        retry.Id.Should().Be(first.Id);
        s.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task SendTranscript_WorkspaceWithoutSender_IsRefused()
    {
        await using var h = new LiveChatHarness();
        var started = await h.StartAsync();

        var act = async () => await h.Chat.Visitors.SendTranscriptAsync(h.Workspace, started.Conversation.Id, started.VisitorToken, "ana@example.com");

        await act.Should().ThrowAsync<EmailSenderNotConfiguredException>();
    }
}
