using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>Bad playbook JSON and bad calls: one specific exception with paths, and nothing loaded or changed.</summary>
public sealed class PlaybookBadInputTests
{
    [Fact]
    public void MalformedJson_Throws_WithThePathWhereReadingStopped()
    {
        var json = PlaybookJson.Serialize(SeedPlaybooks.Full()).Replace("\"next\": \"route\"", "\"next\": ", StringComparison.Ordinal);

        var act = () => PlaybookJson.Deserialize(json);

        var defect = act.Should().Throw<PlaybookValidationException>().Which.Defects.Should().ContainSingle().Which;
        defect.Kind.Should().Be(PlaybookDefectKind.MalformedJson);
        defect.Path.Should().StartWith("$.cards[0]");
    }

    [Fact]
    public void UnknownSchemaVersion_Throws_WithItsPath()
    {
        var json = PlaybookJson.Serialize(SeedPlaybooks.Full()).Replace("\"schemaVersion\": 1", "\"schemaVersion\": 99", StringComparison.Ordinal);

        var act = () => PlaybookJson.Deserialize(json);

        act.Should().Throw<PlaybookValidationException>().Which.Defects.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Kind = PlaybookDefectKind.UnknownSchemaVersion, Path = "$.schemaVersion" });
    }

    [Fact]
    public void MissingSchemaVersion_Throws()
    {
        var json = PlaybookJson.Serialize(SeedPlaybooks.Full()).Replace("\"schemaVersion\": 1,", "", StringComparison.Ordinal);

        FluentActions.Invoking(() => PlaybookJson.Deserialize(json)).Should().Throw<PlaybookValidationException>()
            .Which.Defects.Single().Kind.Should().Be(PlaybookDefectKind.UnknownSchemaVersion);
    }

    [Theory]
    [InlineData("\"type\": \"message\"", "\"type\": \"carousel\"")]
    [InlineData("\"text\": \"Hi! I'm Leo.\",", "")]
    [InlineData("\"version\": 1", "\"version\": \"one\"")]
    public void JsonThatDoesNotFitTheShape_Throws_MalformedJson(string from, string to)
    {
        var json = PlaybookJson.Serialize(SeedPlaybooks.Full()).Replace(from, to, StringComparison.Ordinal);

        FluentActions.Invoking(() => PlaybookJson.Deserialize(json)).Should().Throw<PlaybookValidationException>()
            .Which.Defects.Should().ContainSingle(d => d.Kind == PlaybookDefectKind.MalformedJson && d.Path.StartsWith('$'));
    }

    [Fact]
    public void WellFormedJsonOfAnInvalidPlaybook_ListsEveryDefect()
    {
        var json = PlaybookJson.Serialize(SeedPlaybooks.Full())
            .Replace("\"language\": \"en\"", "\"language\": \"klingon\"", StringComparison.Ordinal)
            .Replace("\"next\": \"qualified\"", "\"next\": \"nowhere\"", StringComparison.Ordinal);

        var defects = FluentActions.Invoking(() => PlaybookJson.Deserialize(json)).Should().Throw<PlaybookValidationException>().Which.Defects;

        defects.Should().Contain(d => d.Kind == PlaybookDefectKind.UnknownLanguage && d.Path == "$.language");
        defects.Should().Contain(d => d.Kind == PlaybookDefectKind.DanglingTarget && d.Path == "$.cards[7].next" && d.CardId == "seats");
        defects.Should().Contain(d => d.Kind == PlaybookDefectKind.UnreachableCard && d.CardId == "qualified");
    }

    [Fact]
    public async Task SubmitContactForm_WithABadEmail_ChangesNothing()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full());
        var visitor = await h.StartAsync();
        var before = await h.MessagesAsync(visitor);

        var act = () => h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, visitor.Conversation.Id, visitor.VisitorToken, new ContactForm { Email = "not-an-email" }).AsTask();

        await act.Should().ThrowAsync<InvalidEmailAddressException>();
        (await h.MessagesAsync(visitor)).Should().HaveCount(before.Count);
        (await h.Chat.Identity.FindByConversationAsync(h.Workspace, visitor.Conversation.Id)).Should().BeNull();
    }

    [Fact]
    public async Task SubmitContactForm_WithAnotherVisitorsToken_LooksLikeAMissingConversation()
    {
        await using var h = new PlaybookHarness();
        var visitor = await h.StartAsync();
        var other = await h.StartAsync();

        var act = () => h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, visitor.Conversation.Id, other.VisitorToken, new ContactForm { Name = "Eve" }).AsTask();

        await act.Should().ThrowAsync<ConversationNotFoundException>();
    }

    [Fact]
    public void TextCatalog_RefusesAnUnsupportedLanguage()
    {
        var texts = new TextCatalog();

        FluentActions.Invoking(() => texts.Set("it", SystemText.RoutingQuestion, "Sei già cliente?")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => texts.Set("en", SystemText.RoutingQuestion, " ")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => texts.Get("en", (SystemText)999)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
