using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Texts;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Issue15;

public class LocalizationTests(ITestOutputHelper output)
{
    static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public void Catalogue_has_every_system_text_in_the_five_languages()
    {
        var catalog = new TextCatalog();
        TextCatalog.SupportedLanguages.Should().Contain(["en", "fr", "cs", "de", "es"]);
        var missing = new List<string>();
        foreach (var lang in new[] { "en", "fr", "cs", "de", "es" })
        foreach (var key in Enum.GetValues<SystemText>())
        {
            var text = catalog.Get(lang, key);
            if (string.IsNullOrWhiteSpace(text)) missing.Add($"{lang}/{key}");
        }
        missing.Should().BeEmpty();
        foreach (var lang in new[] { "fr", "cs", "de", "es" })
        {
            catalog.Get(lang, SystemText.AgentJoined).Should().NotBe(catalog.Get("en", SystemText.AgentJoined));
            catalog.Get(lang, SystemText.ConversationEnded).Should().NotBe(catalog.Get("en", SystemText.ConversationEnded));
        }
        output.WriteLine("en: " + catalog.Get("en", SystemText.AgentJoined) + " | fr: " + catalog.Get("fr", SystemText.AgentJoined));
    }

    async Task<(string Joined, string Ended, List<ChatMessage> All)> AgentJoinedText(Func<LiveChatEngine, Task> configure, string? channel = null)
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await configure(chat);
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 3));
        await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        var (c, _) = await chat.Conversations.StartAsync(Acme, channel is null ? new StartConversationRequest() : new StartConversationRequest { Channel = channel });
        await chat.Conversations.ClaimAsync(Acme, c.Id, alice);
        await chat.Conversations.EndAsync(Acme, c.Id, alice);
        var messages = (await chat.Conversations.GetMessagesAsync(Acme, c.Id)).ToList();
        foreach (var m in messages) output.WriteLine($"{m.Sender.Kind} {m.Sender.DisplayName}: {m.Text} [{m.SystemEvent}]");
        return (messages.Single(m => m.SystemEvent == SystemEvent.AgentJoined).Text, messages.Single(m => m.SystemEvent == SystemEvent.Ended).Text, messages);
    }

    [Fact]
    public async Task French_workspace_gets_french_agent_joined_and_ended_messages()
    {
        var en = await AgentJoinedText(_ => Task.CompletedTask);
        var fr = await AgentJoinedText(chat => chat.Email.ConfigureAsync(Acme, new EmailSettings { DefaultLanguage = "fr" }).AsTask());
        en.Joined.Should().Contain("Alice");
        fr.Joined.Should().Contain("Alice").And.NotBe(en.Joined);
        fr.Ended.Should().NotBe(en.Ended);
        var catalog = new TextCatalog();
        fr.Joined.Should().Be(catalog.Get("fr", SystemText.AgentJoined).Replace("{0}", "Alice").Replace("{name}", "Alice").Replace("{agent}", "Alice"));
    }

    [Fact]
    public async Task Czech_channel_gets_czech_agent_joined_message()
    {
        var cs = await AgentJoinedText(chat => chat.Email.ConfigureAsync(Acme, new EmailSettings
        {
            DefaultLanguage = "fr",
            ChannelLanguages = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("webchat-cz", "cs"),
        }).AsTask(), channel: "webchat-cz");
        var fr = await AgentJoinedText(chat => chat.Email.ConfigureAsync(Acme, new EmailSettings { DefaultLanguage = "fr" }).AsTask());
        cs.Joined.Should().NotBe(fr.Joined);
    }

    [Fact]
    public async Task French_playbook_alone_gets_french_agent_joined_message()
    {
        // Issue 15 item 5: "System texts such as 'Alice joined the conversation.' are English literals, even in a French playbook."
        var en = await AgentJoinedText(_ => Task.CompletedTask);
        var fr = await AgentJoinedText(chat => chat.Playbooks.PublishAsync(Acme, new Playbook
        {
            Id = "fr", Version = 1, Language = "fr", StartCardId = "greet",
            Cards = [new MessageCard { Id = "greet", Text = "Bonjour !", Next = "q" }, new FreeTextQuestionCard { Id = "q", Text = "Votre question ?", AnswerKey = "q", Next = "bye" }, new EndCard { Id = "bye", Text = "Merci !" }],
        }).AsTask());
        fr.All.Should().Contain(m => m.Text == "Bonjour !");
        fr.Joined.Should().NotBe(en.Joined, "a French playbook's conversation should not get the English agent-joined literal");
    }

    [Fact]
    public async Task Workspace_text_override_is_used_in_the_system_message()
    {
        var result = await AgentJoinedText(async chat =>
        {
            await chat.Email.ConfigureAsync(Acme, new EmailSettings { DefaultLanguage = "fr" });
            var original = chat.Playbooks.Texts.Get("fr", SystemText.AgentJoined, Acme);
            var custom = original.Replace("conversation", "discussion") + " ✓";
            await chat.Playbooks.Texts.SetAsync("fr", SystemText.AgentJoined, custom, Acme);
        });
        result.Joined.Should().EndWith(" ✓");
    }
}
