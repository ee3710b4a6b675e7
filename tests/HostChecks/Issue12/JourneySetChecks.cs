using System.Text;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;
using static LiveChat.Issue12.Checks.JourneySet;

namespace LiveChat.Issue12.Checks;

/// <summary>Runs the labelled journey set once through the public API, as a host would, and measures it.</summary>
public class JourneyRun : IAsyncLifetime
{
    /// <summary>Journeys per kind; 13 kinds.</summary>
    public virtual int PerKind => 30;
    public virtual string ReportName => "journey-report.txt";
    protected virtual void UseStore(ILiveChatBuilder builder) { }
    protected virtual void Cleanup() { }

    public sealed class KindStats
    {
        public int Journeys, Conversations, FalseMergeContacts, CrossPersonPairs, ExactPairs, MissedExactPairs,
            EquivalentPairs, MissedEquivalentPairs, Suggestions, ImpostorViews, ImpostorJourneysWithView,
            Exceptions, NamesNotFilled, ImpostorAttachments;
    }

    public Dictionary<Kind, KindStats> ByKind { get; } = Enum.GetValues<Kind>().ToDictionary(k => k, _ => new KindStats());
    public List<string> ExceptionSamples { get; } = [];
    public List<string> FalseMergeSamples { get; } = [];
    public List<string> MissedSamples { get; } = [];
    public List<string> ImpostorSamples { get; } = [];
    public int AutomaticMerges { get; private set; }
    public List<string> UndoFailures { get; } = [];
    public string Report { get; private set; } = "";
    public int ImpostorJourneys => ByKind[Kind.Impostor].Journeys;

    private sealed record ConvInfo(ConversationId Id, WorkspaceId Ws, int Person, Journey Journey, List<string> Exact, List<string> Equivalent);

    public async Task InitializeAsync()
    {
        var journeys = Generate(PerKind);
        var time = TestHost.NewTime();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        UseStore(services.AddLiveChat());
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var fr = new WorkspaceId("journeys-fr");
        var br = new WorkspaceId("journeys-br");
        chat.Identity.Configure(fr, new IdentitySettings { DefaultRegion = "FR" });
        chat.Identity.Configure(br, new IdentitySettings { DefaultRegion = "BR" });

        var convs = new List<ConvInfo>();
        var personNames = new Dictionary<int, string?>();
        var formReturns = new List<(ConvInfo Conv, string Dump)>();
        foreach (var journey in journeys)
        {
            var ws = journey.Workspace == "br" ? br : fr;
            var stats = ByKind[journey.Kind];
            stats.Journeys++;
            foreach (var touch in journey.Touches)
            {
                time.Advance(touch.Before + TimeSpan.FromMinutes(3));
                var started = await chat.Conversations.StartAsync(ws, new StartConversationRequest { Channel = touch.Channel });
                var info = new ConvInfo(started.Conversation.Id, ws, touch.Person, journey, [], []);
                convs.Add(info);
                stats.Conversations++;
                foreach (var call in touch.Calls)
                {
                    if (call.Name is not null) personNames[touch.Person] = call.Name;
                    try
                    {
                        if (call.Form)
                        {
                            object? returned = await chat.Visitors.SubmitContactFormAsync(ws, info.Id, started.VisitorToken,
                                new ContactForm { Name = call.Name, Email = call.Email, Phone = call.Phone });
                            formReturns.Add((info, TestHost.Dump(returned)));
                        }
                        else
                        {
                            await chat.Identity.IdentifyAsync(ws, new IdentifyRequest
                            {
                                ConversationId = info.Id, ChannelHandle = call.Handle, Name = call.Name,
                                Email = call.Email, Phone = call.Phone,
                            });
                        }
                    }
                    catch (Exception e)
                    {
                        stats.Exceptions++;
                        if (ExceptionSamples.Count < 12)
                            ExceptionSamples.Add($"{journey.Kind} #{journey.Index}: {e.GetType().Name}: {e.Message}");
                    }
                    info.Exact.AddRange(call.ExactKeys);
                    info.Equivalent.AddRange(call.EquivalentKeys);
                    time.Advance(TimeSpan.FromSeconds(30));
                }
            }
        }

        // Ground truth, by construction.
        var personOf = convs.ToDictionary(c => c.Id, c => c.Person);
        var convOf = convs.ToDictionary(c => c.Id);
        var contactOf = new Dictionary<ConversationId, ContactId?>();
        foreach (var c in convs) contactOf[c.Id] = (await chat.Identity.FindByConversationAsync(c.Ws, c.Id))?.Id;

        // False merges: active contacts holding conversations of more than one person.
        foreach (var ws in new[] { fr, br })
        {
            foreach (var contact in (await chat.Identity.GetContactsAsync(ws)).Where(x => x.IsActive))
            {
                var all = contact.Conversations.Where(x => personOf.ContainsKey(x.ConversationId)).Select(x => convOf[x.ConversationId]).ToList();
                // An impostor who typed the victim's value may be filed on the victim's contact with history hidden:
                // the issue calls that correct (kind 1, step B). It is counted apart and never as a false merge;
                // what an impostor sees is measured by the impostor views.
                var mine = all.Where(x => !x.Journey.Impostors.Contains(x.Person)).ToList();
                if (mine.Count > 0 && all.Count > mine.Count) ByKind[all[0].Journey.Kind].ImpostorAttachments++;
                var people = mine.Select(x => x.Person).Distinct().ToList();
                if (people.Count <= 1) continue;
                var kinds = mine.Select(x => x.Journey.Kind).Distinct().ToList();
                foreach (var k in kinds) ByKind[k].FalseMergeContacts++;
                for (var i = 0; i < mine.Count; i++)
                    for (var k = i + 1; k < mine.Count; k++)
                        if (mine[i].Person != mine[k].Person) ByKind[mine[k].Journey.Kind].CrossPersonPairs++;
                if (FalseMergeSamples.Count < 10)
                    FalseMergeSamples.Add($"{string.Join("+", kinds)}: {people.Count} people on one contact ({contact.Name})");
            }
            foreach (var s in await chat.Identity.GetSuggestionsAsync(ws))
                if (s.ConversationId is { } sc && convOf.TryGetValue(sc, out var ci)) ByKind[ci.Journey.Kind].Suggestions++;
        }

        // Recall on same-person pairs that share an exact personal identifier (and, apart, an equivalent form).
        foreach (var group in convs.GroupBy(c => c.Person))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
                for (var k = i + 1; k < list.Count; k++)
                {
                    var a = list[i]; var b = list[k];
                    var same = contactOf[a.Id] is { } ca && contactOf[b.Id] is { } cb && ca == cb;
                    var stats = ByKind[b.Journey.Kind];
                    if (a.Exact.Intersect(b.Exact).Any())
                    {
                        stats.ExactPairs++;
                        if (!same)
                        {
                            stats.MissedExactPairs++;
                            if (MissedSamples.Count < 10)
                                MissedSamples.Add($"{b.Journey.Kind} #{b.Journey.Index}: {string.Join(",", a.Exact.Intersect(b.Exact))}");
                        }
                    }
                    else if (a.Exact.Concat(a.Equivalent).Intersect(b.Exact.Concat(b.Equivalent)).Any())
                    {
                        stats.EquivalentPairs++;
                        if (!same) stats.MissedEquivalentPairs++;
                    }
                }
        }

        // Impostor views: any conversation of another person in a visitor's history, or in a form's return.
        var journeysWithView = new HashSet<int>();
        foreach (var c in convs)
        {
            var history = await chat.Identity.GetVisitorHistoryAsync(c.Ws, c.Id);
            var foreign = history.Where(h => personOf.TryGetValue(h, out var p) && p != c.Person).ToList();
            if (foreign.Count == 0) continue;
            ByKind[c.Journey.Kind].ImpostorViews++;
            journeysWithView.Add(c.Journey.Index);
            if (ImpostorSamples.Count < 10)
                ImpostorSamples.Add($"{c.Journey.Kind} #{c.Journey.Index}: person {c.Person} sees {foreign.Count} conversation(s) of person {personOf[foreign[0]]}");
        }
        foreach (var (c, dump) in formReturns)
        {
            var leaked = convs.Where(o => o.Person != c.Person && o.Journey.Index == c.Journey.Index)
                .Any(o => dump.Contains(o.Id.Value.ToString()) || (personNames.TryGetValue(o.Person, out var n) && n is not null && dump.Contains(n)));
            if (!leaked) continue;
            ByKind[c.Journey.Kind].ImpostorViews++;
            journeysWithView.Add(c.Journey.Index);
            if (ImpostorSamples.Count < 10)
                ImpostorSamples.Add($"{c.Journey.Kind} #{c.Journey.Index}: the contact form returned another person's data");
        }
        foreach (var j in journeys.Where(j => journeysWithView.Contains(j.Index))) ByKind[j.Kind].ImpostorJourneysWithView++;

        // Names: a name given is the contact's name and the CRM record's name.
        foreach (var j in journeys.Where(j => j.Kind == Kind.Names))
        {
            var c = convs.First(x => x.Journey.Index == j.Index);
            var contact = await chat.Identity.FindByConversationAsync(c.Ws, c.Id);
            var expected = personNames[c.Person];
            var crmName = contact?.CrmRecord is { } rid ? (await chat.Crm.ViewAsync(c.Ws, rid)).Record.Name : null;
            if (contact?.Name != expected || crmName != expected) ByKind[Kind.Names].NamesNotFilled++;
        }

        await CheckUndoAsync(chat, fr);
        await CheckUndoAsync(chat, br);
        Report = Render();
        var dir = Environment.GetEnvironmentVariable("ISSUE12_REPORT_DIR") ?? AppContext.BaseDirectory;
        var path = Path.Combine(dir, ReportName);
        await File.WriteAllTextAsync(path, Report);
    }

    /// <summary>Undoes every automatic merge, newest first, and compares with the graph replayed up to it.</summary>
    private async Task CheckUndoAsync(LiveChatEngine chat, WorkspaceId ws)
    {
        var log = await chat.Identity.GetLogAsync(ws);
        var merges = log.OfType<ContactsMerged>().Where(m => m.Actor == IdentityService.AutomaticActor).OrderByDescending(m => m.Sequence).ToList();
        AutomaticMerges += merges.Count;
        foreach (var m in merges)
        {
            var before = IdentityService.Replay(ws, log.Where(e => e.Sequence < m.Sequence));
            var expectedAbsorbed = before.Single(c => c.Id == m.Absorbed);
            try
            {
                await chat.Identity.UndoMergeAsync(ws, m.Sequence, "checker", "journey set: every automatic merge undoes exactly");
                var restored = await chat.Identity.GetContactAsync(ws, m.Absorbed);
                if (!Same(restored, expectedAbsorbed)) UndoFailures.Add($"merge {m.Sequence}: absorbed contact not restored exactly");
                var survivor = await chat.Identity.GetContactAsync(ws, m.Survivor);
                if (survivor.Conversations.Any(x => expectedAbsorbed.Conversations.Any(y => y.ConversationId == x.ConversationId)))
                    UndoFailures.Add($"merge {m.Sequence}: survivor kept a conversation of the absorbed contact");
            }
            catch (Exception e)
            {
                UndoFailures.Add($"merge {m.Sequence}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private static bool Same(Contact a, Contact b) =>
        a.IsActive && a.Name == b.Name
        && a.Identifiers.Select(x => (x.Identifier.Kind, x.Identifier.Value)).OrderBy(x => x.ToString())
            .SequenceEqual(b.Identifiers.Select(x => (x.Identifier.Kind, x.Identifier.Value)).OrderBy(x => x.ToString()))
        && a.Conversations.Select(x => x.ConversationId).OrderBy(x => x.Value).SequenceEqual(b.Conversations.Select(x => x.ConversationId).OrderBy(x => x.Value))
        && a.Fields.Select(f => (f.Name, f.Value)).OrderBy(x => x.ToString()).SequenceEqual(b.Fields.Select(f => (f.Name, f.Value)).OrderBy(x => x.ToString()))
        && a.CrmRecord == b.CrmRecord;

    private string Render()
    {
        var sb = new StringBuilder();
        sb.AppendLine("kind               journeys convs false-merge-contacts cross-person-pairs exact-pairs missed equiv-pairs missed suggestions impostor-views journeys-with-view exceptions names-not-filled");
        foreach (var (k, s) in ByKind)
            sb.AppendLine($"{k,-18} {s.Journeys,8} {s.Conversations,5} {s.FalseMergeContacts,20} {s.CrossPersonPairs,18} {s.ExactPairs,11} {s.MissedExactPairs,6} {s.EquivalentPairs,11} {s.MissedEquivalentPairs,6} {s.Suggestions,11} {s.ImpostorViews,14} {s.ImpostorJourneysWithView,18} {s.Exceptions,10} {s.NamesNotFilled,16}");
        var t = ByKind.Values;
        sb.AppendLine($"{"TOTAL",-18} {t.Sum(s => s.Journeys),8} {t.Sum(s => s.Conversations),5} {t.Sum(s => s.FalseMergeContacts),20} {t.Sum(s => s.CrossPersonPairs),18} {t.Sum(s => s.ExactPairs),11} {t.Sum(s => s.MissedExactPairs),6} {t.Sum(s => s.EquivalentPairs),11} {t.Sum(s => s.MissedEquivalentPairs),6} {t.Sum(s => s.Suggestions),11} {t.Sum(s => s.ImpostorViews),14} {t.Sum(s => s.ImpostorJourneysWithView),18} {t.Sum(s => s.Exceptions),10} {t.Sum(s => s.NamesNotFilled),16}");
        sb.AppendLine($"recall on exact personal-identifier pairs: {Recall(t.Sum(s => s.ExactPairs), t.Sum(s => s.MissedExactPairs)):P1}");
        sb.AppendLine($"recall on equivalent-form pairs: {Recall(t.Sum(s => s.EquivalentPairs), t.Sum(s => s.MissedEquivalentPairs)):P1}");
        sb.AppendLine($"impostor journeys with a view: {ByKind[Kind.Impostor].ImpostorJourneysWithView} of {ImpostorJourneys}");
        sb.AppendLine($"automatic merges: {AutomaticMerges}, undo failures: {UndoFailures.Count}");
        sb.AppendLine($"impostor conversations filed on a victim's contact (allowed with history hidden, not a false merge): {t.Sum(s => s.ImpostorAttachments)}");
        void Samples(string title, List<string> list) { if (list.Count == 0) return; sb.AppendLine(title); foreach (var x in list) sb.AppendLine("  " + x); }
        Samples("false merges (samples):", FalseMergeSamples);
        Samples("missed exact pairs (samples):", MissedSamples);
        Samples("impostor views (samples):", ImpostorSamples);
        Samples("exceptions (samples):", ExceptionSamples);
        Samples("undo failures:", UndoFailures);
        return sb.ToString();
    }

    public static double Recall(int pairs, int missed) => pairs == 0 ? 1 : (pairs - missed) / (double)pairs;

    public Task DisposeAsync()
    {
        Cleanup();
        return Task.CompletedTask;
    }
}

/// <summary>The same generator, smaller, on the SQLite store: the rules must hold on a durable store too.</summary>
public sealed class SqliteJourneyRun : JourneyRun
{
    public override int PerKind => 8;
    public override string ReportName => "journey-report-sqlite.txt";
    private readonly string file = TempDb.NewFile();
    protected override void UseStore(ILiveChatBuilder builder) => builder.UseSqlite($"Data Source={file}");
    protected override void Cleanup() => TempDb.Delete(file);
}

/// <summary>
/// The labelled journey set (about 390 journeys over 13 kinds, ground truth by construction). The figures are
/// printed to the test output and written to journey-report.txt beside the test assembly.
/// </summary>
public class JourneySetChecks(JourneyRun run, ITestOutputHelper output)
    : JourneySetAssertions<JourneyRun>(run, output), IClassFixture<JourneyRun>
{
    [Fact]
    public void Journeys_SetIsLargeAndCoversEveryKind()
    {
        Run.ByKind.Values.Sum(s => s.Journeys).Should().BeGreaterThanOrEqualTo(300);
        Run.ByKind.Values.Should().OnlyContain(s => s.Journeys > 0);
        Run.ByKind.Values.Sum(s => s.ExactPairs).Should().BeGreaterThan(500);
    }
}

/// <summary>About 100 journeys of the same generator on SQLite.</summary>
public class SqliteJourneySetChecks(SqliteJourneyRun run, ITestOutputHelper output)
    : JourneySetAssertions<SqliteJourneyRun>(run, output), IClassFixture<SqliteJourneyRun>;

public abstract class JourneySetAssertions<TRun>(TRun run, ITestOutputHelper output) where TRun : JourneyRun
{
    protected TRun Run => run;
    private KindStatsTotals T => new(run);

    private sealed class KindStatsTotals(JourneyRun run)
    {
        public int Sum(Func<JourneyRun.KindStats, int> f) => run.ByKind.Values.Sum(f);
    }
    [Fact]
    public void Journeys_ZeroFalseMerges()
    {
        output.WriteLine(run.Report);
        T.Sum(s => s.FalseMergeContacts).Should().Be(0, "different people never end up on one contact:\n" + run.Report);
    }

    [Fact]
    public void Journeys_RecallOnExactPersonalIdentifierPairs_AtLeast99Percent()
    {
        output.WriteLine(run.Report);
        JourneyRun.Recall(T.Sum(s => s.ExactPairs), T.Sum(s => s.MissedExactPairs)).Should().BeGreaterThanOrEqualTo(0.99, run.Report);
    }

    [Fact]
    public void Journeys_RecallOnEquivalentForms_AtLeast99Percent()
    {
        output.WriteLine(run.Report);
        JourneyRun.Recall(T.Sum(s => s.EquivalentPairs), T.Sum(s => s.MissedEquivalentPairs)).Should().BeGreaterThanOrEqualTo(0.99,
            "Brazil's old/new mobile forms and IDN U-/A-labels are one key:\n" + run.Report);
    }

    [Fact]
    public void Journeys_ZeroImpostorViews()
    {
        output.WriteLine(run.Report);
        T.Sum(s => s.ImpostorViews).Should().Be(0, run.Report);
    }

    [Fact]
    public void Journeys_NoExceptionForAnyInput()
    {
        output.WriteLine(run.Report);
        T.Sum(s => s.Exceptions).Should().Be(0, run.Report);
    }

    [Fact]
    public void Journeys_NamesAreFilled()
    {
        output.WriteLine(run.Report);
        run.ByKind[Kind.Names].NamesNotFilled.Should().Be(0, run.Report);
    }

    [Fact]
    public void Journeys_EveryAutomaticMergeUndoesExactly()
    {
        output.WriteLine(run.Report);
        run.UndoFailures.Should().BeEmpty(run.Report);
    }
}
