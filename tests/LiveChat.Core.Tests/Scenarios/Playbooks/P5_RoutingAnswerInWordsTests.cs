using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>
/// P5 and seed 004: the visitor answers "are you a customer?" in their own words, in any supported language, with or
/// without diacritics; when the bot still cannot tell, it asks again once, then hands the visitor to the workspace.
/// </summary>
public sealed class P5_RoutingAnswerInWordsTests
{
    [Theory]
    [InlineData("cs", "Ne, ještě nejsem zákazníkem", false)]
    [InlineData("cs", "ne jeste nejsem zakaznikem", false)]
    [InlineData("cs", "Zatím ne", false)]
    [InlineData("en", "No, I'm not a customer yet", false)]
    [InlineData("en", "nope", false)]
    [InlineData("fr", "Non, je ne suis pas encore client", false)]
    [InlineData("fr", "pas encore", false)]
    [InlineData("de", "Nein, ich bin noch kein Kunde", false)]
    [InlineData("es", "Todavía no soy cliente", false)]
    [InlineData("cs", "Ano, jsem zákazník", true)]
    [InlineData("cs", "jo, uz jsem vas zakaznik", true)]
    [InlineData("en", "I am a customer", true)]
    [InlineData("fr", "Oui je le suis", true)]
    [InlineData("fr", "je suis déjà client", true)]
    [InlineData("de", "Ich bin schon Kunde", true)]
    [InlineData("es", "Sí, ya soy cliente", true)]
    public async Task AnAnswerInTheVisitorsWords_TakesTheCustomerOrTheProspectPath(string language, string answer, bool customer)
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full(language));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, answer);

        var run = await h.RunAsync(visitor);
        run.CardId.Should().Be(customer ? "customer-form" : "need");
        run.Answers.Should().Contain("route", customer ? "customer" : "prospect");
    }

    [Fact]
    public async Task StillUnsureAfterAskingAgain_HandsTheVisitorToTheWorkspace_InsteadOfWaitingWithTheBot()
    {
        await using var h = new PlaybookHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        await h.OnlineAgentAsync("alice");
        await h.PublishAsync(SeedPlaybooks.Full("cs"));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, "možná, nevím");
        (await h.LastBotTextAsync(visitor)).Should().StartWith("Vyberte prosím jednu z možností:", "the bot asks again once");
        (await h.RunAsync(visitor)).Status.Should().Be(PlaybookRunStatus.Waiting);

        await h.SayAsync(visitor, "hmm");

        var run = await h.RunAsync(visitor);
        run.Status.Should().Be(PlaybookRunStatus.HandedOff);
        run.Answers.Should().Contain("route", "unsure");
        var conversation = await h.ConversationAsync(visitor);
        conversation.State.Should().Be(ConversationState.Unassigned);
        conversation.Routing!.Target.Should().Be(RoutingTarget.Workspace);
    }
}
