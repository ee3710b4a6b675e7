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
    [InlineData("cs", "Ne, ještě nejsem zákazníkem")]
    [InlineData("cs", "ne jeste nejsem zakaznikem")]
    [InlineData("cs", "Zatím ne")]
    [InlineData("en", "No, I'm not a customer yet")]
    [InlineData("en", "nope")]
    [InlineData("fr", "Non, je ne suis pas encore client")]
    [InlineData("fr", "pas encore")]
    [InlineData("de", "Nein, ich bin noch kein Kunde")]
    [InlineData("es", "Todavía no soy cliente")]
    public async Task ANegationInTheVisitorsWords_TakesTheProspectPath(string language, string answer)
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full(language));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, answer);

        var run = await h.RunAsync(visitor);
        run.CardId.Should().Be("need");
        run.Answers.Should().Contain("route", "prospect");
    }

    [Theory]
    [InlineData("cs", "Ano, jsem zákazník")]
    [InlineData("cs", "jo, uz jsem vas zakaznik")]
    [InlineData("en", "I am a customer")]
    [InlineData("fr", "Oui je le suis")]
    [InlineData("fr", "je suis déjà client")]
    [InlineData("de", "Ich bin schon Kunde")]
    [InlineData("es", "Sí, ya soy cliente")]
    public async Task AnAffirmationInTheVisitorsWords_TakesTheCustomerPath(string language, string answer)
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full(language));
        var visitor = await h.StartAsync();

        await h.SayAsync(visitor, answer);

        var run = await h.RunAsync(visitor);
        run.CardId.Should().Be("customer-form");
        run.Answers.Should().Contain("route", "customer");
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
