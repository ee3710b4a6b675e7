using System.Collections.Immutable;
using CsCheck;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>
/// P1 and the runtime as properties: random playbooks either validate, or fail with listed defects that name their
/// paths; random visitor behaviour on valid playbooks never throws anything but documented exceptions.
/// </summary>
public sealed class PlaybookPropertyTests
{
    private static readonly string[] Languages = ["en", "fr", "cs", "de", "es", "xx"];
    private static readonly string?[] Texts = ["Hello", "Pick one", "", " ", null];
    private static readonly string[] Replies = ["1", "2", "3", "yes", "no", "Oui", "Ano", "A", "B", "ann@example.com", "+33 6 12 34 56 78", "12", "???", "   x  ", new string('z', 3000)];

    /// <summary>A playbook spec: card kinds with two target picks and a text pick; targets past the last card dangle.</summary>
    private static readonly Gen<(int Language, int Start, (int Kind, int A, int B, int Text)[] Cards)> Specs =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 1], Gen.Select(Gen.Int[0, 9], Gen.Int[0, 8], Gen.Int[0, 8], Gen.Int[0, 4]).Array[1, 8]);

    private static readonly Gen<Playbook> ValidPlaybooks = Gen.Select(Gen.Int[0, 4], Gen.Select(Gen.Int[0, 9], Gen.Int[0, 8], Gen.Int[0, 8], Gen.Int[0, 1]).Array[1, 8])
        .Select((language, cards) => Build((language, 0, cards), forward: true))
        .Where(p => PlaybookValidator.Validate(p).Count == 0);

    [Fact]
    public async Task RandomPlaybooks_EitherValidate_OrFailWithListedDefects()
    {
        await Specs.SampleAsync(async spec =>
        {
            var playbook = Build(spec, forward: false);
            var defects = PlaybookValidator.Validate(playbook);
            await using var h = new PlaybookHarness();
            if (defects.Count == 0)
            {
                await h.PublishAsync(playbook);
                PlaybookService.ToMermaidGraph(playbook).Should().StartWith("stateDiagram-v2");
                PlaybookJson.Serialize(PlaybookJson.Deserialize(PlaybookJson.Serialize(playbook))).Should().Be(PlaybookJson.Serialize(playbook));
                return;
            }

            defects.Should().OnlyContain(d => Enum.IsDefined(d.Kind) && d.Path.StartsWith('$') && d.Message.Length > 0);
            ExpectedDefects(spec, playbook).Should().BeSubsetOf(defects.Select(d => d.Kind).Distinct());
            var publish = () => h.PublishAsync(playbook);
            (await publish.Should().ThrowAsync<PlaybookValidationException>()).Which.Defects.Should().Equal(defects);
            h.Chat.Playbooks.GetActive(h.Workspace).Should().BeNull("nothing is half-published");
            FluentActions.Invoking(() => PlaybookJson.Deserialize(PlaybookJson.Serialize(playbook))).Should().Throw<PlaybookValidationException>();
        }, iter: 300, threads: 1);
    }

    [Fact]
    public async Task RandomVisitorInput_OnValidPlaybooks_ThrowsOnlyDocumentedExceptions()
    {
        var inputs = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 14]).Array[1, 12];
        await Gen.Select(ValidPlaybooks, inputs).SampleAsync(async sample =>
        {
            var (playbook, steps) = sample;
            await using var h = new PlaybookHarness();
            await h.PublishAsync(playbook);
            var alice = new AgentId("alice");
            await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(alice, "Alice"));
            var visitor = await h.StartAsync();
            foreach (var (action, pick) in steps)
            {
                try
                {
                    await StepAsync(h, visitor, alice, action, pick);
                }
                catch (Exception ex) when (ex is LiveChatException or ArgumentException)
                {
                    // Documented refusals: a post after the end, a malformed e-mail in the form, a claim of an ended conversation…
                }
            }

            h.Logs.Messages.Should().NotContain(m => m.StartsWith("The playbook bot failed", StringComparison.Ordinal));
            var run = await h.Chat.Playbooks.GetRunAsync(h.Workspace, visitor.Conversation.Id);
            if (run is { Status: PlaybookRunStatus.Waiting })
            {
                var card = playbook.Cards.Single(c => c.Id == run.CardId);
                (card is ChoiceQuestionCard or FreeTextQuestionCard or ContactFormCard or RoutingQuestionCard).Should().BeTrue($"a run waits only at a question or a form, not at {card.GetType().Name}");
            }
        }, iter: 150, threads: 1);
    }

    private static async Task StepAsync(PlaybookHarness h, StartedConversation visitor, AgentId alice, int action, int pick)
    {
        var id = visitor.Conversation.Id;
        switch (action)
        {
            case 0 or 1 or 2:
                await h.Chat.Visitors.PostAsync(h.Workspace, id, visitor.VisitorToken, Replies[pick]);
                break;
            case 3:
                await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, id, visitor.VisitorToken,
                    pick % 3 == 0 ? new ContactForm { Email = "not-an-email" } : new ContactForm { Name = "Ann", Email = $"ann{pick}@example.com" });
                break;
            case 4:
                await h.AdvanceAsync(TimeSpan.FromSeconds(pick));
                break;
            case 5:
                await h.Chat.Agents.SetStatusAsync(h.Workspace, alice, pick % 2 == 0 ? AgentStatus.Online : AgentStatus.Offline);
                if (pick > 10)
                {
                    await h.Chat.Conversations.ClaimAsync(h.Workspace, id, alice);
                }

                break;
            default:
                await h.Chat.Conversations.EndAsync(h.Workspace, id);
                break;
        }
    }

    private static Playbook Build((int Language, int Start, (int Kind, int A, int B, int Text)[] Cards) spec, bool forward)
    {
        var n = spec.Cards.Length;
        string Id(int i) => i < n ? $"c{i}" : "zz";
        string Next(int i, int pick) => forward ? Id(Math.Min(i + 1 + (pick % 2), n - 1)) : Id(pick);
        string Any(int pick) => forward ? Id(pick % n) : Id(pick);
        var cards = ImmutableArray.CreateBuilder<PlaybookCard>();
        for (var i = 0; i < n; i++)
        {
            var (kind, a, b, t) = spec.Cards[i];
            // Without forward-only links, a card may copy its neighbour's id, to produce duplicates.
            var id = !forward && t == 4 && i > 0 ? Id(i - 1) : Id(i);
            var text = forward ? "Hello" : Texts[t] ?? "Hello";
            var last = forward && i == n - 1;
            cards.Add(kind switch
            {
                _ when last => new EndCard { Id = id, Text = "Bye" },
                0 => new MessageCard { Id = id, Text = text, Next = Next(i, a) },
                1 => new ChoiceQuestionCard { Id = id, Text = text, Options = [new ChoiceOption("A", Next(i, a)), new ChoiceOption("B", Any(b))] },
                2 => new FreeTextQuestionCard { Id = id, Text = text, Validation = (AnswerValidation)(b % 4), Next = Any(a) },
                3 => new ContactFormCard { Id = id, Next = Next(i, a) },
                4 => new LiveChatCard { Id = id, OfflineFlow = b % 3 == 0 ? null : Next(i, a) },
                5 => new OfflineFlowCard { Id = id, Next = Next(i, a) },
                6 => new RoutingQuestionCard { Id = id, CustomerNext = Next(i, a), ProspectNext = Any(b) },
                7 => new QualificationCard { Id = id, Qualified = a % 2 == 0, Next = Next(i, a) },
                8 => new FollowUpActionsCard { Id = id, Actions = [new TagAction { Tag = text.Length == 0 ? "t" : "lead" }, new CreateLeadAction(), new CreateActivityAction { Text = "Call" }], Next = Next(i, a) },
                _ => new EndCard { Id = id, Text = text },
            });
        }

        return new Playbook
        {
            Id = "random",
            Version = 1,
            Language = Languages[spec.Language],
            StartCardId = spec.Start == 0 ? "c0" : Id(n),
            Timers = new PlaybookTimers { ContactFormAfterGreeting = TimeSpan.FromSeconds(5) },
            Cards = cards.ToImmutable(),
        };
    }

    /// <summary>Defects an independent reading of the spec predicts; the validator must list at least these.</summary>
    private static IEnumerable<PlaybookDefectKind> ExpectedDefects((int Language, int Start, (int Kind, int A, int B, int Text)[] Cards) spec, Playbook playbook)
    {
        if (Languages[spec.Language] == "xx")
        {
            yield return PlaybookDefectKind.UnknownLanguage;
        }

        if (playbook.Cards.Select(c => c.Id).Distinct().Count() < playbook.Cards.Length)
        {
            yield return PlaybookDefectKind.DuplicateId;
        }

        if (spec.Start != 0 || playbook.Cards.SelectMany(c => c.Targets()).Contains("zz"))
        {
            yield return PlaybookDefectKind.DanglingTarget;
        }

        if (playbook.Cards.Any(c => c is LiveChatCard { OfflineFlow: null }))
        {
            yield return PlaybookDefectKind.HandoffWithoutOfflineFlow;
        }

        if (playbook.Cards.Any(c => c is MessageCard { Text: "" or " " } or ChoiceQuestionCard { Text: "" or " " } or FreeTextQuestionCard { Text: "" or " " } or EndCard { Text: "" or " " }))
        {
            yield return PlaybookDefectKind.EmptyText;
        }
    }
}
