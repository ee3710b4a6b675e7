using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using Xunit.Abstractions;

namespace LiveChat.Core.Tests.Scenarios.Identity.Journeys;

/// <summary>
/// Issue 12's acceptance run: over a thousand labelled journeys through the public API, as a host calls it, checked against
/// the ground truth the generator built them with: no false merge, at least 99% recall on same-person pairs sharing an
/// exact personal value, no visitor shown another person's conversation, and every automatic merge undone exactly.
/// </summary>
public sealed class IdentityJourneyTests(ITestOutputHelper output)
{
    private const int PerKind = 80;

    [Fact]
    public async Task LabelledJourneys_EveryKind_NoFalseMerge_RecallAtLeast99Percent_NoImpostorView_ExactUndo()
    {
        await using var h = new LiveChatHarness();
        var journeys = new IdentityJourneyGenerator(seed: 12).Generate(PerKind);
        var figures = new SortedDictionary<string, KindFigures>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (var j = 0; j < journeys.Count; j++)
        {
            var journey = journeys[j];
            var workspace = new WorkspaceId(string.Create(CultureInfo.InvariantCulture, $"journey-{j}"));
            h.Chat.Identity.Configure(workspace, new IdentitySettings { DefaultRegion = journey.Region });
            var played = await PlayAsync(h, workspace, journey);
            var f = figures.TryGetValue(journey.Kind, out var known) ? known : figures[journey.Kind] = new KindFigures();
            await f.AddAsync(h, workspace, played);
        }

        output.WriteLine($"{journeys.Count} journeys in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("| Kind | Journeys | False merges | Missed pairs (of pairs sharing a personal value) | Suggestions | Impostor views | Automatic merges undone exactly |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (kind, f) in figures)
        {
            output.WriteLine($"| {kind} | {f.Journeys} | {f.FalseMerges} | {f.Missed} of {f.Pairs} | {f.Suggestions} | {f.ImpostorViews} | {f.UndoneExactly} of {f.Merges} |");
        }

        foreach (var example in figures.Values.SelectMany(f => f.Examples).Take(20))
        {
            output.WriteLine(example);
        }

        var total = figures.Values.Aggregate(new KindFigures(), (sum, f) => sum.Plus(f));
        output.WriteLine($"| all | {total.Journeys} | {total.FalseMerges} | {total.Missed} of {total.Pairs} | {total.Suggestions} | {total.ImpostorViews} | {total.UndoneExactly} of {total.Merges} |");
        total.Journeys.Should().BeGreaterThanOrEqualTo(1000);
        figures.Keys.Should().HaveCount(13, "every kind of issue 12 is covered");
        total.FalseMerges.Should().Be(0, string.Join("; ", figures.SelectMany(f => f.Value.Examples).Take(5)));
        total.ImpostorViews.Should().Be(0);
        total.Pairs.Should().BeGreaterThan(1000);
        ((double)(total.Pairs - total.Missed) / total.Pairs).Should().BeGreaterThanOrEqualTo(0.99, string.Join("; ", figures.SelectMany(f => f.Value.Examples).Take(5)));
        total.Merges.Should().BeGreaterThan(0);
        total.UndoneExactly.Should().Be(total.Merges);
    }

    private static async Task<List<(JourneyVisit Visit, ConversationId Conversation)>> PlayAsync(LiveChatHarness h, WorkspaceId workspace, IdentityJourney journey)
    {
        var played = new List<(JourneyVisit, ConversationId)>();
        foreach (var visit in journey.Visits)
        {
            h.Clock.Advance(visit.After);
            var (conversation, _) = await h.Chat.Conversations.StartAsync(workspace, new StartConversationRequest { Channel = visit.Channel });
            foreach (var call in visit.Calls)
            {
                // Every value in these journeys is something a person could type: none may make the call throw.
                await FluentActions.Awaiting(() => h.Chat.Identity.IdentifyAsync(workspace, new IdentifyRequest
                {
                    ConversationId = conversation.Id,
                    ChannelHandle = visit.Handle,
                    Name = call.Name,
                    Email = call.Email,
                    Phone = call.Phone,
                }).AsTask()).Should().NotThrowAsync($"{journey.Kind} in {journey.Region}: {call}");
            }

            played.Add((visit, conversation.Id));
        }

        return played;
    }

    private sealed class KindFigures
    {
        public int Journeys { get; private set; }

        public int FalseMerges { get; private set; }

        public int Pairs { get; private set; }

        public int Missed { get; private set; }

        public int Suggestions { get; private set; }

        public int ImpostorViews { get; private set; }

        public int Merges { get; private set; }

        public int UndoneExactly { get; private set; }

        public List<string> Examples { get; } = [];

        public KindFigures Plus(KindFigures other)
        {
            Journeys += other.Journeys;
            FalseMerges += other.FalseMerges;
            Pairs += other.Pairs;
            Missed += other.Missed;
            Suggestions += other.Suggestions;
            ImpostorViews += other.ImpostorViews;
            Merges += other.Merges;
            UndoneExactly += other.UndoneExactly;
            return this;
        }

        public async Task AddAsync(LiveChatHarness h, WorkspaceId workspace, List<(JourneyVisit Visit, ConversationId Conversation)> played)
        {
            Journeys++;
            var identity = h.Chat.Identity;
            var owner = new Dictionary<ConversationId, ContactId?>();
            foreach (var (_, conversation) in played)
            {
                owner[conversation] = (await identity.FindByConversationAsync(workspace, conversation))?.Id;
            }

            for (var i = 0; i < played.Count; i++)
            {
                for (var k = i + 1; k < played.Count; k++)
                {
                    var (a, b) = (played[i], played[k]);
                    if (a.Visit.Impostor || b.Visit.Impostor)
                    {
                        continue;
                    }

                    var together = owner[a.Conversation] is { } contact && contact == owner[b.Conversation];
                    if (a.Visit.Person != b.Visit.Person && together)
                    {
                        FalseMerges++;
                        Examples.Add($"false merge: {Show(a.Visit)} / {Show(b.Visit)}");
                    }

                    if (a.Visit.Person == b.Visit.Person && Keys(a.Visit).Overlaps(Keys(b.Visit)))
                    {
                        Pairs++;
                        if (!together)
                        {
                            Missed++;
                            Examples.Add($"missed: {Show(a.Visit)} / {Show(b.Visit)}");
                        }
                    }
                }
            }

            var person = played.ToDictionary(p => p.Conversation, p => p.Visit.Person);
            foreach (var (visit, conversation) in played)
            {
                var history = await identity.GetVisitorHistoryAsync(workspace, conversation);
                ImpostorViews += history.Count(c => person.TryGetValue(c, out var who) && who != visit.Person);
            }

            Suggestions += (await identity.GetSuggestionsAsync(workspace)).Count;
            await UndoEveryAutomaticMergeAsync(identity, workspace);
        }

        /// <summary>Undoes the automatic merges, newest first; each absorbed contact must come back exactly as it was.</summary>
        private async Task UndoEveryAutomaticMergeAsync(IdentityService identity, WorkspaceId workspace)
        {
            var log = await identity.GetLogAsync(workspace);
            foreach (var merge in log.OfType<ContactsMerged>().Where(m => m.Actor == IdentityService.AutomaticActor).Reverse())
            {
                Merges++;
                var before = IdentityService.Replay(workspace, log.Take((int)merge.Sequence - 1));
                var survivorBefore = await identity.GetContactAsync(workspace, merge.Survivor);
                await identity.UndoMergeAsync(workspace, merge.Sequence, "agent:check", "journey undo");
                var absorbed = await identity.GetContactAsync(workspace, merge.Absorbed);
                var survivor = await identity.GetContactAsync(workspace, merge.Survivor);
                var moved = merge.MovedConversations.Select(c => c.ConversationId).ToHashSet();
                var exact = Same(absorbed, before.Single(c => c.Id == merge.Absorbed))
                    && survivor.Identifiers.SequenceEqual(survivorBefore.Identifiers.Where(l => !merge.MovedIdentifiers.Contains(l)))
                    && survivor.Conversations.SequenceEqual(survivorBefore.Conversations.Where(c => !moved.Contains(c.ConversationId)))
                    && survivor.Fields.SequenceEqual(survivorBefore.Fields.Where(f => !merge.FilledFields.Contains(f)));
                UndoneExactly += exact ? 1 : 0;
            }
        }

        private static bool Same(Contact a, Contact b)
            => a.Id == b.Id && a.IsActive && b.IsActive && a.CrmRecord == b.CrmRecord
                && a.Identifiers.SequenceEqual(b.Identifiers) && a.Conversations.SequenceEqual(b.Conversations) && a.Fields.SequenceEqual(b.Fields);

        private static string Show(JourneyVisit visit)
            => $"{visit.Person}@{visit.Channel}/{visit.Handle}: {string.Join(" then ", visit.Calls.Select(c => $"[{c.Name}|{c.Email}|{c.Phone}]"))}";

        private static HashSet<string> Keys(JourneyVisit visit) => [.. visit.Calls.SelectMany(c => c.Keys)];
    }
}
