using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Texts;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Issue15;

public class HostileTests(ITestOutputHelper output)
{
    static readonly WorkspaceId Acme = new("acme");

    static Playbook Valid(int version = 1) => new()
    {
        Id = "website", Version = version, Language = "fr", StartCardId = "greet",
        Cards = [new MessageCard { Id = "greet", Text = "Bonjour !", Next = "q" }, new FreeTextQuestionCard { Id = "q", Text = "Question ?", AnswerKey = "q", Next = "bye" }, new EndCard { Id = "bye", Text = "Merci !" }],
    };

    [Fact]
    public async Task Script_in_names_and_texts_is_kept_exactly_and_never_interpreted()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        const string evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, evil, 3));
        await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        var (c, token) = await chat.Conversations.StartAsync(Acme, new StartConversationRequest { VisitorName = evil });
        await chat.Visitors.PostAsync(Acme, c.Id, token, evil);
        await chat.Conversations.ClaimAsync(Acme, c.Id, alice);
        var messages = await chat.Conversations.GetMessagesAsync(Acme, c.Id);
        messages.Should().Contain(m => m.Text == evil);
        messages.Single(m => m.SystemEvent == SystemEvent.AgentJoined).Text.Should().Contain(evil, "names are stored as given (encode at display)");
        (await chat.Conversations.GetAsync(Acme, c.Id)).VisitorName.Should().Be(evil);
        System.Text.Json.JsonSerializer.Serialize(messages).Should().NotContain("<script>", "default JSON escapes markup");
    }

    [Fact]
    public Task Invalid_email_settings_are_refused_naming_the_setting_and_nothing_is_stored_on_sqlite() => EmailSettingsRefusals(false);

    [Fact]
    public Task Every_refused_email_setting_names_the_setting_in_ParamName() => EmailSettingsRefusals(true);

    async Task EmailSettingsRefusals(bool ParamNameForAll)
    {
        var file = Files.NewSqlite();
        var good = new EmailSettings { Sender = EmailAddress.Create("support@acme.example", "ACME"), WorkspaceName = "ACME", DefaultLanguage = "fr" };
        await using (var h = Host15.Build("sqlite", file))
        {
            await h.Chat.Email.ConfigureAsync(Acme, good);
            var bad = new (EmailSettings Settings, string Param)[]
            {
                (good with { WorkspaceName = "ACME\r\nBcc: evil@x" }, "WorkspaceName"),
                (good with { WorkspaceName = new string('a', 100_000) }, "WorkspaceName"),
                (good with { WorkspaceName = "   " }, "WorkspaceName"),
                (good with { WorkspaceName = "a\0b" }, "WorkspaceName"),
                (good with { Sender = default(EmailAddress) }, "Sender"),
            };
            if (Environment.GetEnvironmentVariable("CHK15_STRICT_PARAMNAME") is not null || ParamNameForAll) bad = bad.Concat(new[]
            {
                (good with { DefaultLanguage = "xx-nope" }, "DefaultLanguage"),
                (good with { TimeZone = "Mars/Olympus" }, "TimeZone"),
                (good with { ConversationLinkTemplate = "javascript:alert(1)//{conversation}" }, "ConversationLinkTemplate"),
            }).ToArray();
            var report = new List<string>();
            foreach (var (settings, param) in bad)
            {
                try
                {
                    await h.Chat.Email.ConfigureAsync(Acme, settings);
                    report.Add($"{param}: ACCEPTED");
                }
                catch (ArgumentException e)
                {
                    report.Add($"{param}: {e.GetType().Name} ParamName={e.ParamName} '{e.Message}'");
                    if (e.ParamName is null || !e.ParamName.Contains(param, StringComparison.OrdinalIgnoreCase)) report.Add($"  !! ParamName does not name {param}");
                }
                (await h.Chat.Email.GetSettingsAsync(Acme)).Should().Be(good, $"a refused {param} stores nothing");
            }
            output.WriteLine(string.Join("\n", report));
            report.Should().NotContain(r => r.Contains("ACCEPTED") || r.Contains("!!"));
        }
        await using (var h = Host15.Build("sqlite", file))
        {
            (await h.Chat.Email.GetSettingsAsync(Acme)).Should().Be(good, "the store kept the last valid settings only");
        }
    }

    [Fact]
    public async Task Invalid_identity_settings_and_text_overrides_are_refused_before_anything_is_stored()
    {
        var file = Files.NewSqlite();
        await using var h = Host15.Build("sqlite", file);
        await h.Chat.Identity.ConfigureAsync(Acme, new IdentitySettings { DefaultRegion = "FR" });
        var refusals = new List<Func<Task>>
        {
            async () => await h.Chat.Identity.ConfigureAsync(Acme, new IdentitySettings { DefaultRegion = "ZZ-not-a-region" }),
            async () => await h.Chat.Identity.ConfigureAsync(Acme, new IdentitySettings { DefaultRegion = "FR", HostSecret = "a\0b" }),
            async () => await h.Chat.Identity.ConfigureAsync(Acme, new IdentitySettings { DefaultRegion = "FR", LeadDistributionGroup = "x\r\ny" }),
            async () => await h.Chat.Playbooks.Texts.SetAsync("xx", SystemText.AgentJoined, "hi", Acme),
            async () => await h.Chat.Playbooks.Texts.SetAsync("fr", SystemText.AgentJoined, "a\0b", Acme),
            async () => await h.Chat.Playbooks.Texts.SetAsync("fr", SystemText.AgentJoined, "", Acme),
            async () => await h.Chat.Playbooks.Texts.SetAsync("fr", SystemText.AgentJoined, new string('x', 1_000_000), Acme),
            async () => await h.Chat.Playbooks.Texts.SetAsync("fr", (SystemText)9999, "x", Acme),
        };
        var i = 0;
        var report = new List<string>();
        foreach (var call in refusals)
        {
            try { await call(); report.Add($"#{i}: ACCEPTED"); }
            catch (ArgumentException e) { report.Add($"#{i}: {e.GetType().Name} ParamName={e.ParamName}: {e.Message}"); }
            catch (Exception e) { report.Add($"#{i}: UNEXPECTED {e.GetType().Name}: {e.Message}"); }
            i++;
        }
        output.WriteLine(string.Join("\n", report));
        (await h.Chat.Identity.GetSettingsAsync(Acme)).DefaultRegion.Should().Be("FR");
        h.Chat.Playbooks.Texts.Get("fr", SystemText.AgentJoined, Acme).Should().Be(new TextCatalog().Get("fr", SystemText.AgentJoined));
        report.Should().AllSatisfy(r => r.Should().NotContain("ACCEPTED").And.NotContain("UNEXPECTED"));
    }

    [Fact]
    public async Task Invalid_playbook_is_refused_with_paths_and_nothing_is_published_on_sqlite()
    {
        var file = Files.NewSqlite();
        await using (var h = Host15.Build("sqlite", file))
        {
            await h.Chat.Playbooks.PublishAsync(Acme, Valid());
            var dangling = Valid(2) with { Cards = [new MessageCard { Id = "greet", Text = "Bonjour !", Next = "nowhere" }] };
            var act = async () => await h.Chat.Playbooks.PublishAsync(Acme, dangling);
            var e = (await act.Should().ThrowAsync<PlaybookValidationException>()).Which;
            output.WriteLine(string.Join("\n", e.Defects.Select(d => $"{d.Kind} {d.Path}: {d.Message}")));
            e.Defects.Should().Contain(d => d.Path.Contains("cards[0]") && d.Path.Contains("next"));
            LiveChatException.CategoryOf(e).Should().Be(LiveChatErrorCategory.Invalid);

            var evilText = Valid(2) with { Cards = [new MessageCard { Id = "greet", Text = "a\0b", Next = "bye" }, new EndCard { Id = "bye", Text = "x" }] };
            await ((Func<Task>)(async () => await h.Chat.Playbooks.PublishAsync(Acme, evilText))).Should().ThrowAsync<ArgumentException>();
            var hugeText = Valid(2) with { Cards = [new MessageCard { Id = "greet", Text = new string('x', 2_000_000), Next = "bye" }, new EndCard { Id = "bye", Text = "x" }] };
            var huge = async () => await h.Chat.Playbooks.PublishAsync(Acme, hugeText);
            await huge.Should().ThrowAsync<ArgumentException>("a playbook text longer than a message may hold cannot be said by the bot");
            var badLanguage = Valid(2) with { Language = "klingon" };
            await ((Func<Task>)(async () => await h.Chat.Playbooks.PublishAsync(Acme, badLanguage))).Should().ThrowAsync<PlaybookValidationException>();
            var badColour = Valid(2) with { Appearance = new PlaybookAppearance { BotName = "Léo", PrimaryColor = "red;background:url(javascript:alert(1))" } };
            await ((Func<Task>)(async () => await h.Chat.Playbooks.PublishAsync(Acme, badColour))).Should().ThrowAsync<ArgumentException>();
            var malformed = () => PlaybookJson.Deserialize("{\"schemaVersion\": 1, \"cards\": [");
            malformed.Should().Throw<PlaybookValidationException>();
            var future = () => PlaybookJson.Deserialize("{\"schemaVersion\": 999}");
            future.Should().Throw<PlaybookValidationException>();
            (await h.Chat.Playbooks.GetActiveAsync(Acme))!.Version.Should().Be(1);
        }
        await using (var h = Host15.Build("sqlite", file))
        {
            (await h.Chat.Playbooks.GetActiveAsync(Acme))!.Version.Should().Be(1, "nothing refused reached the store");
        }
    }

    [Fact]
    public async Task Republishing_a_version_with_other_content_is_refused()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await chat.Playbooks.PublishAsync(Acme, Valid());
        var changed = Valid() with { Cards = [new MessageCard { Id = "greet", Text = "Autre !", Next = "bye" }, new EndCard { Id = "bye", Text = "x" }] };
        var act = async () => await chat.Playbooks.PublishAsync(Acme, changed);
        var e = await act.Should().ThrowAsync<LiveChatException>();
        output.WriteLine($"{e.Which.GetType().Name}: {e.Which.Message} ({e.Which.Category})");
        e.Which.Category.Should().Be(LiveChatErrorCategory.Conflict);
    }

    [Fact]
    public async Task Oversized_and_malformed_message_input_is_refused_and_nothing_is_stored()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var (c, token) = await chat.Conversations.StartAsync(Acme);
        var max = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<LiveChatOptions>>().Value.MaxMessageLength;
        var tooLong = async () => await chat.Visitors.PostAsync(Acme, c.Id, token, new string('x', max + 1));
        (await tooLong.Should().ThrowAsync<MessageTooLongException>()).Which.MaxLength.Should().Be(max);
        await chat.Visitors.PostAsync(Acme, c.Id, token, new string('x', max));
        var longClientId = async () => await chat.Visitors.PostAsync(Acme, c.Id, token, "hi", new string('k', 129));
        await longClientId.Should().ThrowAsync<ArgumentException>();
        var loneSurrogate = async () => await chat.Visitors.PostAsync(Acme, c.Id, token, "a\udc00b");
        await loneSurrogate.Should().ThrowAsync<ArgumentException>();
        var defaultToken = async () => await chat.Visitors.PostAsync(Acme, c.Id, default, "hi");
        await defaultToken.Should().ThrowAsync<ArgumentException>();
        var defaultId = async () => await chat.Conversations.GetAsync(Acme, default);
        await defaultId.Should().ThrowAsync<ArgumentException>();
        (await chat.Conversations.GetMessagesAsync(Acme, c.Id)).Where(m => m.Sender.Kind == SenderKind.Visitor).Should().ContainSingle();
        var longName = async () => await chat.Conversations.StartAsync(Acme, new StartConversationRequest { VisitorName = new string('n', 1_000_000) });
        await longName.Should().ThrowAsync<ArgumentException>();
        var longChannel = async () => await chat.Conversations.StartAsync(Acme, new StartConversationRequest { Channel = new string('n', 100_000) });
        await longChannel.Should().ThrowAsync<ArgumentException>();
    }
}
