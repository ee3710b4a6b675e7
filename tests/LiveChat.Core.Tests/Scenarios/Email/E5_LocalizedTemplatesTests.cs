using System.Collections.Immutable;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;

namespace LiveChat.Core.Tests.Scenarios.Email;

/// <summary>E5: the e-mail language comes per channel; templates in en, fr, cs, de, es; hosts override them; input is rendered harmlessly.</summary>
public sealed class E5_LocalizedTemplatesTests
{
    [Theory]
    [InlineData("en", "Your conversation #1")]
    [InlineData("fr", "Votre conversation n°1")]
    [InlineData("cs", "Vaše konverzace č. 1")]
    [InlineData("de", "Ihre Unterhaltung Nr. 1")]
    [InlineData("es", "Su conversación n.º 1")]
    public async Task TheChannelsLanguage_PicksTheTemplates(string language, string subject)
    {
        await using var s = new EmailScenario();
        s.Chat.Email.Configure(s.Workspace, s.Chat.Email.GetSettings(s.Workspace) with
        {
            ChannelLanguages = ImmutableDictionary<string, string>.Empty.Add("shop", language),
        });
        var started = await s.Chat.Conversations.StartAsync(s.Workspace, new StartConversationRequest { Channel = "shop" });

        await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, "ana@example.com");
        await s.SettleAsync();

        var mail = s.Sent.Should().ContainSingle().Which;
        mail.Subject.Should().StartWith(subject);
        mail.HtmlBody.Should().Contain($"lang=\"{language}\"");
        mail.TextBody.Should().NotBeNullOrWhiteSpace().And.NotContain("<");
    }

    [Fact]
    public async Task AHostTemplate_ForOneChannel_OverridesTheBuiltInOne()
    {
        await using var s = new EmailScenario();
        s.Chat.Email.RegisterTemplate(EmailKind.Transcript, "en", new EmailTemplate(
            "Chat {{ conversation_number }} from {{ workspace_name }}",
            "<h1>{{ visitor_name }}</h1>{% for m in messages %}<p>{{ m.sender }}: {{ m.text }}</p>{% endfor %}",
            "{{ visitor_name }}{% for m in messages %}\n{{ m.text }}{% endfor %}"), s.Workspace, "shop");
        var shop = await s.Chat.Conversations.StartAsync(s.Workspace, new StartConversationRequest { Channel = "shop", VisitorName = "Ana" });
        var web = await s.H.StartAsync("Ben");

        await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, shop.Conversation.Id, shop.VisitorToken, "ana@example.com");
        await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, web.Conversation.Id, web.VisitorToken, "ben@example.com");
        await s.SettleAsync();

        s.Sent.Single(m => m.To.Address == "ana@example.com").Subject.Should().Be("Chat 1 from ACME");
        s.Sent.Single(m => m.To.Address == "ana@example.com").HtmlBody.Should().Be("<h1>Ana</h1>");
        s.Sent.Single(m => m.To.Address == "ben@example.com").Subject.Should().StartWith("Your conversation #2");
    }

    [Theory]
    [InlineData("{{ password }}", "password")]
    [InlineData("{{ visitor_nam }}", "visitor_nam")]
    [InlineData("{% for m in replies %}{{ m.secret }}{% endfor %}", "m.secret")]
    [InlineData("{{ replies.secret }}", "replies.secret")]
    public async Task ATemplateWithAnUnknownPlaceholder_IsRefusedAtRegistration(string html, string unknown)
    {
        await using var s = new EmailScenario();

        var act = () => s.Chat.Email.RegisterTemplate(EmailKind.UnreadMessages, "en", new EmailTemplate("Hi", html, "Hi"));

        var error = act.Should().Throw<EmailTemplateException>().Which;
        error.UnknownPlaceholders.Should().Equal(unknown);
        error.Problems.Should().ContainSingle().Which.Should().StartWith("html:");
    }

    [Fact]
    public async Task ATemplateThatDoesNotParse_IsRefused_AndTheBuiltInOneStays()
    {
        await using var s = new EmailScenario();

        var act = () => s.Chat.Email.RegisterTemplate(EmailKind.Transcript, "en", new EmailTemplate("{{ conversation_number", "<p>x</p>", ""));

        act.Should().Throw<EmailTemplateException>().Which.Problems.Should().HaveCount(2);
        var started = await s.H.StartAsync();
        await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, "ana@example.com");
        await s.SettleAsync();
        s.Sent.Single().Subject.Should().StartWith("Your conversation #1");
    }

    [Fact]
    public async Task Hostile_ANameWithLineBreaksAndAScript_IsEncodedInHtml_AndCannotAddHeaders()
    {
        await using var s = new EmailScenario();
        s.Chat.Email.RegisterTemplate(EmailKind.Transcript, "en", new EmailTemplate(
            "Transcript for {{ visitor_name }}", "<p>{{ visitor_name }}</p>{% for m in messages %}<p>{{ m.text }}</p>{% endfor %}", "{{ visitor_name }}"), s.Workspace);
        var started = await s.Chat.Conversations.StartAsync(s.Workspace, new StartConversationRequest
        {
            VisitorName = "Eve\r\nBcc: all@example.com <script>alert(1)</script>",
        });
        await s.Chat.Visitors.PostAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, "<img src=x onerror=alert(1)>");

        await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, "eve@example.com");
        await s.SettleAsync();

        var mail = s.Sent.Single();
        mail.Subject.Should().NotContain("\r").And.NotContain("\n").And.StartWith("Transcript for Eve Bcc:");
        mail.HtmlBody.Should().NotContain("<script>").And.Contain("&lt;script&gt;").And.NotContain("<img");
        mail.To.DisplayName.Should().NotContain("\n").And.NotContain("\r");
    }

    [Fact]
    public async Task Configure_AnUnknownLanguage_OrABadLink_IsRefused()
    {
        await using var s = new EmailScenario();

        var language = () => s.Chat.Email.Configure(s.Workspace, new EmailSettings { DefaultLanguage = "xx" });
        var link = () => s.Chat.Email.Configure(s.Workspace, new EmailSettings { ConversationLinkTemplate = "javascript:alert(1)" });

        language.Should().Throw<ArgumentException>();
        link.Should().Throw<ArgumentException>();
    }
}
