using LiveChat.Core.Texts;
using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using Xunit;

namespace LiveChat.Issue13.Checks;

// Fault 10 (seed 004, P5): the visitor answers "are you a customer?" in their own words, in any supported language.
// Seed 004 (Czech): „Ne, ještě nejsem zákazníkem“ → prospect path; „Ano, jsem zákazník“ → customer path.
public class RoutingQuestionInOwnWordsChecks
{
    private const string CustomerEnd = "CUSTOMER-PATH";
    private const string ProspectEnd = "PROSPECT-PATH";

    private static Playbook RoutingPlaybook(string language) => new()
    {
        Id = "route-" + language,
        Version = 1,
        Language = language,
        StartCardId = "greet",
        Cards =
        [
            new MessageCard { Id = "greet", Text = "👋", Next = "route" },
            new RoutingQuestionCard { Id = "route", CustomerNext = "customer", ProspectNext = "prospect" },
            new EndCard { Id = "customer", Text = CustomerEnd },
            new EndCard { Id = "prospect", Text = ProspectEnd },
        ],
    };

    private static async Task<(TestHost host, ConversationId conv, VisitorToken token)> AskAsync(string language)
    {
        var host = TestHost.Create();
        await host.Chat.Playbooks.PublishAsync(host.Ws, RoutingPlaybook(language));
        var (conv, token) = await host.StartAsync();
        return (host, conv.Id, token);
    }

    private static async Task<string?> PathTakenAsync(TestHost host, ConversationId conv, VisitorToken token)
    {
        var texts = (await host.Chat.Visitors.GetMessagesAsync(host.Ws, conv, token)).Select(m => m.Text).ToList();
        return texts.Contains(CustomerEnd) ? "customer" : texts.Contains(ProspectEnd) ? "prospect" : null;
    }

    [Theory]
    // Czech: the article's own phrasing, without diacritics, and other natural forms.
    [InlineData("cs", "Ne, ještě nejsem zákazníkem", "prospect")]
    [InlineData("cs", "ne, jeste nejsem zakaznikem", "prospect")]
    [InlineData("cs", "Nejsem zákazník", "prospect")]
    [InlineData("cs", "zatím ne", "prospect")]
    [InlineData("cs", "Ano, jsem zákazník", "customer")]
    [InlineData("cs", "ano jsem zakaznik", "customer")]
    [InlineData("cs", "Jsem váš zákazník", "customer")]
    // French
    [InlineData("fr", "Non, pas encore client", "prospect")]
    [InlineData("fr", "je ne suis pas client", "prospect")]
    [InlineData("fr", "Oui, je suis déjà client", "customer")]
    [InlineData("fr", "oui je suis client chez vous", "customer")]
    // German
    [InlineData("de", "Nein, noch kein Kunde", "prospect")]
    [InlineData("de", "ich bin noch kein Kunde", "prospect")]
    [InlineData("de", "Ja, ich bin Kunde", "customer")]
    // Spanish
    [InlineData("es", "No, todavía no soy cliente", "prospect")]
    [InlineData("es", "no soy cliente aun", "prospect")]
    [InlineData("es", "Sí, ya soy cliente", "customer")]
    [InlineData("es", "si soy cliente", "customer")]
    // English
    [InlineData("en", "No, not yet a customer", "prospect")]
    [InlineData("en", "I'm not a customer", "prospect")]
    [InlineData("en", "nope", "prospect")]
    [InlineData("en", "Yes, I am a customer", "customer")]
    [InlineData("en", "yeah I'm already a customer", "customer")]
    [InlineData("en", "  YES!!  ", "customer")]
    public async Task Answer_in_own_words_takes_the_right_path(string language, string answer, string expected)
    {
        var (host, conv, token) = await AskAsync(language);
        await using var _ = host;

        await host.Chat.Visitors.PostAsync(host.Ws, conv, token, answer);

        (await PathTakenAsync(host, conv, token)).Should().Be(expected, $"\"{answer}\" in {language}");
    }

    [Theory]
    [InlineData("cs")]
    [InlineData("fr")]
    [InlineData("de")]
    [InlineData("es")]
    [InlineData("en")]
    public async Task The_bots_own_option_labels_still_work_control(string language)
    {
        foreach (var (key, expected) in new[] { (SystemText.RoutingYes, "customer"), (SystemText.RoutingNo, "prospect") })
        {
            var (host, conv, token) = await AskAsync(language);
            await using var _ = host;
            await host.Chat.Visitors.PostAsync(host.Ws, conv, token, host.Chat.Playbooks.Texts.Get(language, key));
            (await PathTakenAsync(host, conv, token)).Should().Be(expected);
        }
    }

    [Theory]
    [InlineData("cs", "nevím, možná")]
    [InlineData("en", "what do you sell?")]
    [InlineData("fr", "🤔")]
    public async Task Unclear_answer_is_asked_again_once_then_the_visitor_is_routed_not_left_with_the_bot(string language, string unclear)
    {
        var (host, conv, token) = await AskAsync(language);
        await using var _ = host;
        await host.AgentAsync("alice");
        var botBefore = (await host.Chat.Visitors.GetMessagesAsync(host.Ws, conv, token)).Count(m => m.Sender.Kind == SenderKind.Bot);

        await host.Chat.Visitors.PostAsync(host.Ws, conv, token, unclear);
        var afterFirst = await host.Chat.Visitors.GetMessagesAsync(host.Ws, conv, token);
        afterFirst.Count(m => m.Sender.Kind == SenderKind.Bot).Should().BeGreaterThan(botBefore, "the bot asks again");
        (await PathTakenAsync(host, conv, token)).Should().BeNull("one unclear answer is asked again, not guessed");

        await host.Chat.Visitors.PostAsync(host.Ws, conv, token, unclear);

        var state = (await host.Chat.Conversations.GetAsync(host.Ws, conv)).State;
        state.Should().BeOneOf([ConversationState.Unassigned, ConversationState.Assigned, ConversationState.Offline],
            "after asking once more, the visitor goes to the default team instead of waiting with the bot");
    }
}
