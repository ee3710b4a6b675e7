using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Tests.Docs;

/// <summary>Keeps the README's e-mail example compiling and working: the code below is the README's block, verbatim.</summary>
public sealed class ReadmeEmailTests
{
    [Fact]
    public async Task EmailExample_SendsTheTranscriptAndTheUnreadReply()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);

        // email:begin
        services.AddLiveChat(o => o.Email.UnreadDelay = TimeSpan.FromMinutes(1));
        // In production, add .UseSmtp(o => { o.Host = "smtp.example.com"; o.UserName = "…"; o.Password = "…"; })
        // from the LiveChat.Email.MailKit package; without it, e-mails are recorded by InMemoryEmailTransport.
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var acme = new WorkspaceId("acme");
        await chat.Email.ConfigureAsync(acme, new EmailSettings
        {
            Sender = EmailAddress.Create("support@acme.example", "ACME Support"),
            DefaultLanguage = "fr",
            TimeZone = "Europe/Paris",
            ConversationLinkTemplate = "https://acme.example/chat/{conversation}",
        });
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(acme, new AgentRegistration(alice, "Alice"));
        await chat.Agents.SetStatusAsync(acme, alice, AgentStatus.Online);

        var (conversation, token) = await chat.Conversations.StartAsync(acme);
        await chat.Visitors.PostAsync(acme, conversation.Id, token, "Livrez-vous à Lyon ?");

        // E1: the visitor introduces themself; a lead is created, and the agent sees the data in the chat.
        await chat.Visitors.SubmitContactFormAsync(acme, conversation.Id, token, new ContactForm { Name = "Léa", Email = "lea@example.fr" });

        // E4: Alice replies, and Léa does not read it within a minute: one e-mail with her question, the reply and a link.
        await chat.Conversations.ClaimAsync(acme, conversation.Id, alice);
        await chat.Conversations.PostAgentMessageAsync(acme, conversation.Id, alice, "Oui, en 48 heures.");
        // email:end

        clock.Advance(TimeSpan.FromMinutes(1));
        await chat.Email.WhenIdleAsync();
        // email-transcript:begin
        // E2: the visitor asks for the transcript, from the workspace's admin address; query its delivery at any time.
        var delivery = await chat.Visitors.SendTranscriptAsync(acme, conversation.Id, token);
        await chat.Email.DispatchDueAsync(); // delivers now what the background pass would
        var status = await chat.Email.GetDeliveryAsync(delivery.Id);
        // email-transcript:end

        status!.Status.Should().Be(EmailDeliveryStatus.Sent);
        var sent = provider.GetRequiredService<InMemoryEmailTransport>().Sent;
        sent.Should().HaveCount(2);
        sent[0].Subject.Should().Be("Nouvelle réponse dans votre conversation n°1");
        sent[0].TextBody.Should().Contain("Livrez-vous à Lyon ?").And.Contain("Oui, en 48 heures.").And.Contain("https://acme.example/chat/");
        sent[1].Subject.Should().StartWith("Votre conversation n°1");
    }

    [Fact]
    public void Readme_EmailBlocks_AreTheCodeThisTestRuns()
    {
        var source = ReadmeBlocks.SourceFile();
        ReadmeBlocks.InReadme("## E-mail").Should().Be(ReadmeBlocks.InSource(source, "email") + "\n" + ReadmeBlocks.InSource(source, "email-transcript"));
    }
}
