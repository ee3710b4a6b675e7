using System.Collections.Immutable;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LiveChat.Email.MailKit.Tests;

/// <summary>E6 against a real SMTP server on 127.0.0.1: what the server received is read back and checked.</summary>
public sealed class SmtpEmailTransportTests
{
    [Fact]
    public async Task Transcript_ArrivesFromTheAdminAddress_WithTextAndHtmlParts_AndItsMessageId()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = new SmtpHost(server);
        var started = await host.Chat.Conversations.StartAsync(host.Workspace, new StartConversationRequest { VisitorName = "Ana" });
        await host.Chat.Visitors.PostAsync(host.Workspace, started.Conversation.Id, started.VisitorToken, "Is the blue sofa in stock?");

        var delivery = await host.Chat.Visitors.SendTranscriptAsync(host.Workspace, started.Conversation.Id, started.VisitorToken, "ana@example.com");
        await host.Chat.Email.WhenIdleAsync();

        var mail = server.Received().Should().ContainSingle().Which;
        mail.From.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("admin@acme.example");
        mail.From.Mailboxes.Single().Name.Should().Be("ACME Support");
        mail.To.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("ana@example.com");
        mail.Subject.Should().Be("Your conversation #1 with ACME");
        mail.MessageId.Should().Be(delivery.Message.MessageId);
        mail.Headers["Auto-Submitted"].Should().Be("auto-generated");
        mail.Body.Should().BeOfType<MultipartAlternative>();
        mail.TextBody.Should().Contain("Conversation #1").And.Contain("Is the blue sofa in stock?");
        mail.HtmlBody.Should().Contain("#1").And.Contain("Is the blue sofa in stock?");
        (await host.Chat.Email.GetDeliveryAsync(delivery.Id))!.Status.Should().Be(EmailDeliveryStatus.Sent);
    }

    [Fact]
    public async Task UnreadReplies_InTheChannelsLanguage_ArriveWithTheQuestionTheReplyAndTheLinkBack()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = new SmtpHost(server);
        host.Chat.Email.Configure(host.Workspace, host.Chat.Email.GetSettings(host.Workspace) with
        {
            ChannelLanguages = ImmutableDictionary<string, string>.Empty.Add("webchat", "cs"),
        });
        await host.Chat.Agents.RegisterAsync(host.Workspace, new Core.Agents.AgentRegistration(new Core.Agents.AgentId("alice"), "Alice", 5));
        await host.Chat.Agents.SetStatusAsync(host.Workspace, new Core.Agents.AgentId("alice"), Core.Agents.AgentStatus.Online);
        var started = await host.Chat.Conversations.StartAsync(host.Workspace);
        var id = started.Conversation.Id;
        await host.Chat.Conversations.ClaimAsync(host.Workspace, id, new Core.Agents.AgentId("alice"));
        await host.Chat.Visitors.PostAsync(host.Workspace, id, started.VisitorToken, "Máte to skladem?");
        await host.Chat.Visitors.SubmitContactFormAsync(host.Workspace, id, started.VisitorToken, new ContactForm { Name = "Jiří", Email = "jiri@example.com" });
        await host.Chat.Conversations.PostAgentMessageAsync(host.Workspace, id, new Core.Agents.AgentId("alice"), "Ano, tři kusy.");

        await host.AdvanceAsync(TimeSpan.FromMinutes(1));

        var mail = server.Received().Should().ContainSingle().Which;
        mail.Subject.Should().Be("Nová odpověď ve vaší konverzaci č. 1");
        mail.To.Mailboxes.Single().Name.Should().Be("Jiří");
        mail.TextBody.Should().Contain("Máte to skladem?").And.Contain("Ano, tři kusy.").And.Contain($"https://example.com/chat/{id}");
        mail.HtmlBody.Should().Contain($"href=\"https://example.com/chat/{id}\"");
    }

    [Fact]
    public async Task Hostile_ANameWithLineBreaksAndAScript_AddsNoHeaderAndNoRecipient()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = new SmtpHost(server);
        host.Chat.Email.RegisterTemplate(EmailKind.Transcript, "en", new EmailTemplate(
            "Transcript for {{ visitor_name }}", "<p>{{ visitor_name }}</p>", "{{ visitor_name }}"));
        var started = await host.Chat.Conversations.StartAsync(host.Workspace, new StartConversationRequest
        {
            VisitorName = "Eve\r\nBcc: all@example.com\r\n\r\n<script>alert(1)</script>",
        });

        await host.Chat.Visitors.SendTranscriptAsync(host.Workspace, started.Conversation.Id, started.VisitorToken, "eve@example.com");
        await host.Chat.Email.WhenIdleAsync();

        var mail = server.Received().Should().ContainSingle().Which;
        mail.Headers.Contains(HeaderId.Bcc).Should().BeFalse();
        mail.Bcc.Count.Should().Be(0);
        mail.Headers["X-RcptTo"].Should().Be("eve@example.com", "the server was asked to deliver to the visitor only");
        mail.Subject.Should().StartWith("Transcript for Eve Bcc: all@example.com").And.NotContain("\n");
        mail.To.Mailboxes.Single().Name.Should().NotContain("\n").And.NotContain("\r");
        mail.HtmlBody.Should().Contain("&lt;script&gt;").And.NotContain("<script>");
    }

    [Fact]
    public async Task TheServerStopsMidRun_TheOutboxRetries_AndEveryEmailArrivesExactlyOnce()
    {
        await using var server = await SmtpTestServer.StartAsync();
        StopServerTransport? stopping = null;
        await using var host = new SmtpHost(
            server,
            o => o.Email.InitialRetryDelay = TimeSpan.FromSeconds(30),
            smtp => stopping = new StopServerTransport(smtp, server, stopAfter: 4));
        var deliveries = new List<EmailDelivery>();
        for (var i = 0; i < 10; i++)
        {
            var started = await host.Chat.Conversations.StartAsync(host.Workspace);
            deliveries.Add(await host.Chat.Visitors.SendTranscriptAsync(host.Workspace, started.Conversation.Id, started.VisitorToken, $"visitor{i}@example.com"));
        }

        await host.Chat.Email.WhenIdleAsync();
        server.IsRunning.Should().BeFalse("the server was stopped after the fourth e-mail");
        server.Received().Should().HaveCount(4);
        var waiting = new List<EmailDelivery>();
        foreach (var d in deliveries)
        {
            waiting.Add((await host.Chat.Email.GetDeliveryAsync(d.Id))!);
        }

        waiting.Count(d => d.Status == EmailDeliveryStatus.Sent).Should().Be(4);
        waiting.Where(d => d.Status != EmailDeliveryStatus.Sent).Should().HaveCount(6).And.OnlyContain(d => d.Status == EmailDeliveryStatus.Pending && d.LastError != null);

        await host.AdvanceAsync(TimeSpan.FromSeconds(30));
        server.Received().Should().HaveCount(4, "the server is still down: the retry fails too");

        await server.RestartAsync();
        await host.AdvanceAsync(TimeSpan.FromSeconds(60));

        var received = server.Received();
        received.Should().HaveCount(10);
        received.Select(m => m.MessageId).Should().BeEquivalentTo(deliveries.Select(d => d.Message.MessageId), "every e-mail arrives exactly once");
        received.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).Should().OnlyHaveUniqueItems();
        foreach (var d in deliveries)
        {
            (await host.Chat.Email.GetDeliveryAsync(d.Id))!.Status.Should().Be(EmailDeliveryStatus.Sent);
        }

        stopping!.Attempts.Should().Be(4 + 6 + 6 + 6, "the first pass, the failed retry, then the successful one");
        await host.AdvanceAsync(TimeSpan.FromHours(3));
        server.Received().Should().HaveCount(10);
    }

    [Fact]
    public async Task SendAsync_Directly_DeliversOneMessage()
    {
        await using var server = await SmtpTestServer.StartAsync();
        var transport = new SmtpEmailTransport(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.None }, TimeProvider.System);

        await transport.SendAsync(new EmailMessage
        {
            MessageId = "direct.1@acme.example",
            From = EmailAddress.Create("admin@acme.example"),
            To = EmailAddress.Create("ana@example.com", "Ana\nBcc: x@example.com"),
            Subject = "Hello\r\nBcc: x@example.com",
            HtmlBody = "<p>Hi</p>",
            TextBody = "Hi",
            Headers = ImmutableDictionary<string, string>.Empty.Add("X-Test", "a\r\nBcc: x@example.com"),
        });

        var mail = server.Received().Should().ContainSingle().Which;
        mail.MessageId.Should().Be("direct.1@acme.example");
        mail.Headers.Contains(HeaderId.Bcc).Should().BeFalse();
        mail.Headers["X-RcptTo"].Should().Be("ana@example.com");
        mail.Headers["X-Test"].Should().Be("a  Bcc: x@example.com");
    }

    [Fact]
    public async Task SendAsync_NoServer_Throws_SoTheOutboxRetries()
    {
        SmtpTestServer server = await SmtpTestServer.StartAsync();
        var port = server.Port;
        await server.DisposeAsync();
        var transport = new SmtpEmailTransport(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None }, TimeProvider.System);

        var act = async () => await transport.SendAsync(new EmailMessage
        {
            MessageId = "down.1@acme.example",
            From = EmailAddress.Create("admin@acme.example"),
            To = EmailAddress.Create("ana@example.com"),
            Subject = "s",
            HtmlBody = "h",
            TextBody = "t",
        });

        await act.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public void UseSmtp_InvalidOptions_AreRefusedAtStart()
    {
        var services = new ServiceCollection();
        services.AddLiveChat().UseSmtp(o =>
        {
            o.Host = " ";
            o.Port = 0;
            o.UserName = "user";
            o.Timeout = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<SmtpOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().HaveCount(4);
    }

    [Fact]
    public void UseSmtp_ReplacesTheRecordingTransport()
    {
        var services = new ServiceCollection();
        services.AddLiveChat().UseSmtp(o => o.Host = "127.0.0.1");
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IEmailTransport>().Should().BeOfType<SmtpEmailTransport>();
    }
}
