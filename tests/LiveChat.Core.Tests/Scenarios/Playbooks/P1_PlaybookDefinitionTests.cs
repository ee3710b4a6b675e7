using LiveChat.Core.Playbooks;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>P1: cards linked into paths, a JSON round trip with a schema version, and validation naming every defect with its path.</summary>
public sealed class P1_PlaybookDefinitionTests
{
    [Fact]
    public void Json_RoundTrips_EveryCardAndActionType()
    {
        var playbook = SeedPlaybooks.Full();

        var json = PlaybookJson.Serialize(playbook);
        var read = PlaybookJson.Deserialize(json);

        json.Should().StartWith("{\n  \"schemaVersion\": 1,").And.Contain("\"type\": \"routingQuestion\"").And.Contain("\"type\": \"createDeal\"");
        read.Should().BeEquivalentTo(playbook, o => o.RespectingRuntimeTypes());
        PlaybookJson.Serialize(read).Should().Be(json);
    }

    [Fact]
    public void Validate_ReportsEveryDefectAtOnce_EachWithItsCardPath()
    {
        var playbook = new Playbook
        {
            Id = "broken",
            Version = 1,
            Language = "xx",
            StartCardId = "greet",
            Cards =
            [
                new MessageCard { Id = "greet", Text = "Hi", Next = "ask" },
                new ChoiceQuestionCard { Id = "ask", Text = "Sales or support?", Options = [new ChoiceOption("Sales", "chat"), new ChoiceOption("Support", "nowhere")] },
                new LiveChatCard { Id = "chat" },
                new MessageCard { Id = "ask", Text = "duplicate", Next = "greet" },
                new MessageCard { Id = "ping", Text = "ping", Next = "pong" },
                new MessageCard { Id = "pong", Text = " ", Next = "ping" },
            ],
        };

        var defects = PlaybookValidator.Validate(playbook);

        defects.Should().ContainEquivalentOf(new { Kind = PlaybookDefectKind.UnknownLanguage, Path = "$.language" });
        defects.Should().ContainEquivalentOf(new { Kind = PlaybookDefectKind.DuplicateId, Path = "$.cards[3].id", CardId = "ask" });
        defects.Should().ContainEquivalentOf(new { Kind = PlaybookDefectKind.DanglingTarget, Path = "$.cards[1].options[1].next", CardId = "ask" });
        defects.Should().ContainEquivalentOf(new { Kind = PlaybookDefectKind.HandoffWithoutOfflineFlow, Path = "$.cards[2].offlineFlow", CardId = "chat" });
        defects.Should().ContainEquivalentOf(new { Kind = PlaybookDefectKind.UnreachableCard, Path = "$.cards[4]", CardId = "ping" });
        defects.Should().ContainEquivalentOf(new { Kind = PlaybookDefectKind.UnreachableCard, Path = "$.cards[5]", CardId = "pong" });
        defects.Should().ContainEquivalentOf(new { Kind = PlaybookDefectKind.LoopWithoutVisitorInput, Path = "$.cards[4]", CardId = "ping" });
        defects.Should().ContainEquivalentOf(new { Kind = PlaybookDefectKind.EmptyText, Path = "$.cards[5].text", CardId = "pong" });
        defects.Select(d => d.Kind).Distinct().Should().HaveCount(7);
    }

    [Fact]
    public void Validate_AcceptsALoopThatWaitsForTheVisitor_AndRefusesOneThatOnlyMaySkip()
    {
        var waiting = SeedPlaybooks.Full() with
        {
            Cards = [.. SeedPlaybooks.Full().Cards.Select(c => c is EndCard { Id: "bye" } ? new MessageCard { Id = "bye", Text = "Anything else?", Next = "need" } : c)],
        };
        PlaybookValidator.Validate(waiting).Should().BeEmpty("the loop bye → need waits at the choice question");

        var skipping = new Playbook
        {
            Id = "skip",
            Version = 1,
            Language = "en",
            StartCardId = "form",
            Cards = [new ContactFormCard { Id = "form", Next = "again" }, new MessageCard { Id = "again", Text = "Again", Next = "form" }],
        };
        PlaybookValidator.Validate(skipping).Should().ContainSingle(d => d.Kind == PlaybookDefectKind.LoopWithoutVisitorInput,
            "a contact form is skipped for a known contact, so it cannot break a loop");
    }

    [Fact]
    public async Task Publish_RefusesAnInvalidPlaybook_AndPublishesNothing()
    {
        await using var h = new PlaybookHarness();
        var invalid = SeedPlaybooks.Full() with { StartCardId = "missing" };

        var act = () => h.PublishAsync(invalid);

        (await act.Should().ThrowAsync<PlaybookValidationException>()).Which.Defects.Should().Contain(d => d.Kind == PlaybookDefectKind.DanglingTarget && d.Path == "$.startCardId");
        h.Chat.Playbooks.GetActive(h.Workspace).Should().BeNull();
        (await h.StartAsync()).Should().NotBeNull();
    }

    [Fact]
    public async Task Publish_RefusesAVersionThatIsNotNewer()
    {
        await using var h = new PlaybookHarness();
        await h.PublishAsync(SeedPlaybooks.Full(version: 2));

        var act = () => h.PublishAsync(SeedPlaybooks.Full(version: 2));

        (await act.Should().ThrowAsync<PlaybookVersionConflictException>()).Which.PublishedVersion.Should().Be(2);
        h.Chat.Playbooks.GetActive(h.Workspace)!.Version.Should().Be(2);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Json_RoundTrip_KeepsTimedCardsTurnedOff_InsteadOfTheDefault(bool contactForm, bool transcriptOffer)
    {
        var timers = new PlaybookTimers
        {
            ContactFormAfterGreeting = contactForm ? TimeSpan.FromSeconds(7) : null,
            TranscriptOfferAfterEnd = transcriptOffer ? TimeSpan.FromSeconds(9) : null,
        };
        var playbook = SeedPlaybooks.LiveChatOnly() with { Timers = timers };

        PlaybookJson.Deserialize(PlaybookJson.Serialize(playbook)).Timers.Should().Be(timers);
    }
}
