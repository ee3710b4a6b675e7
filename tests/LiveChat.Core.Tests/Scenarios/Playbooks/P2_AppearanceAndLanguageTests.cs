using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>P2: colours, icon, bot name and language reach the host's widget; system texts are localized and overridable.</summary>
public sealed class P2_AppearanceAndLanguageTests
{
    [Fact]
    public async Task TheWidgetReadsAppearanceAndLanguage_AndBotMessagesCarryTheBotsName()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full("de"));
        var visitor = await h.StartAsync();

        var playbook = await h.Chat.Playbooks.GetPlaybookAsync(h.Workspace, visitor.Conversation.Id);

        playbook!.Language.Should().Be("de");
        playbook.Appearance.Should().Be(new PlaybookAppearance { BotName = "Leo", PrimaryColor = "#0A7B83", TextColor = "#FFFFFF", Icon = "robot" });
        (await h.MessagesAsync(visitor)).Where(m => m.Sender.Kind == SenderKind.Bot).Should().OnlyContain(m => m.Sender.DisplayName == "Leo");
        (await h.Chat.Visitors.GetConversationAsync(h.Workspace, visitor.Conversation.Id, visitor.VisitorToken)).CounterpartName.Should().Be("Leo",
            "the visitor talks to the playbook's bot until an agent joins");
    }

    [Fact]
    public void EveryTextExistsInEverySupportedLanguage_AndTheyDiffer()
    {
        var texts = new TextCatalog();

        TextCatalog.SupportedLanguages.Should().Equal("en", "fr", "cs", "de", "es");
        foreach (var key in Enum.GetValues<SystemText>())
        {
            var translations = TextCatalog.SupportedLanguages.Select(l => texts.Get(l, key)).ToList();
            translations.Should().OnlyContain(t => !string.IsNullOrWhiteSpace(t));
            translations.Distinct().Count().Should().BeGreaterThan(2, $"{key} is translated");
        }
    }

    [Fact]
    public async Task TheHostOverridesASystemText_FromTheNextMessageOn_AndTheAnswersFollow()
    {
        await using var h = new PlaybookHarness();
        h.Chat.Playbooks.Texts.Set("cs", SystemText.RoutingQuestion, "Už u nás nakupujete?");
        h.Chat.Playbooks.Texts.Set("cs", SystemText.RoutingYes, "Jistě, nakupuji");
        await h.PublishAsync(SeedPlaybooks.Full("cs"));
        var visitor = await h.StartAsync();

        (await h.LastBotTextAsync(visitor)).Should().Be("Už u nás nakupujete?\n1. Jistě, nakupuji\n2. Ne, zatím ne");
        await h.SayAsync(visitor, "jistě");
        (await h.RunAsync(visitor)).Answers.Should().Contain("route", "customer");

        h.Chat.Playbooks.Texts.Reset("cs", SystemText.RoutingQuestion);
        h.Chat.Playbooks.Texts.Get("cs", SystemText.RoutingQuestion).Should().Be("Jste již naším zákazníkem?");
    }

    [Fact]
    public async Task HandoffSystemMessages_AreInThePlaybooksLanguage()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.LiveChatOnly() with { Language = "es" });

        var visitor = await h.StartAsync();

        (await h.MessagesAsync(visitor)).Should().Contain(m => m.SystemEvent == SystemEvent.WentOffline
            && m.Text == "No hay ningún agente disponible en este momento. Déjenos sus datos y le responderemos.");
    }

    [Fact]
    public async Task AnInvalidAnswer_GetsALocalizedHint()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full("fr"));
        var visitor = await h.StartAsync();
        await h.SayAsync(visitor, "2");
        await h.SayAsync(visitor, "Pricing");

        await h.SayAsync(visitor, "beaucoup");

        (await h.LastBotTextAsync(visitor)).Should().Be("Veuillez répondre par un nombre.");
        (await h.RunAsync(visitor)).CardId.Should().Be("seats");
    }
}
