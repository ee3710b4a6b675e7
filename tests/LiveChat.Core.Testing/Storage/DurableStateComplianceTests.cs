using System.Collections.Immutable;
using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// The rules every durable-state store keeps (issue 15 item 3): workspace settings saved by version, published playbooks
/// with their versions and the active one, playbook runs compared and swapped, and due work that is completed exactly
/// once. An adapter's test project derives from this class once; xunit makes a fresh store for every test.
/// </summary>
public abstract partial class DurableStateComplianceTests : IAsyncLifetime
{
    private static readonly WorkspaceId Workspace = new("compliance-state");
    private static readonly WorkspaceId Other = new("compliance-other");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private DurableStateUnderTest? _stores;

    /// <summary>The stores under test.</summary>
    protected DurableStateUnderTest Stores => _stores!;

    /// <summary>Makes fresh, empty stores.</summary>
    protected abstract ValueTask<DurableStateUnderTest> CreateStoresAsync();

    /// <inheritdoc />
    public async Task InitializeAsync() => _stores = await CreateStoresAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_stores is { } stores)
        {
            await stores.Dispose();
        }
    }

    [Fact]
    public async Task Settings_SaveThenGetAll_RoundTripsTheTextAndVersionPerWorkspace()
    {
        (await Stores.Settings.TrySaveAsync(Workspace, "email", """{"a":"Léa ✓"}""", 0)).Should().BeTrue();
        (await Stores.Settings.TrySaveAsync(Workspace, "identity", "{}", 0)).Should().BeTrue();

        (await Stores.Settings.GetAllAsync(Workspace)).Should().BeEquivalentTo(
            [new WorkspaceSettingsEntry("email", """{"a":"Léa ✓"}""", 1), new WorkspaceSettingsEntry("identity", "{}", 1)]);
        (await Stores.Settings.GetAllAsync(Other)).Should().BeEmpty();
    }

    [Fact]
    public async Task Settings_TrySave_OnAStaleVersion_IsRefusedAndChangesNothing()
    {
        await Stores.Settings.TrySaveAsync(Workspace, "texts", "1", 0);
        (await Stores.Settings.TrySaveAsync(Workspace, "texts", "2", 1)).Should().BeTrue();

        (await Stores.Settings.TrySaveAsync(Workspace, "texts", "stale", 1)).Should().BeFalse();
        (await Stores.Settings.TrySaveAsync(Workspace, "texts", "again", 0)).Should().BeFalse();

        (await Stores.Settings.GetAllAsync(Workspace)).Should().ContainSingle().Which.Should().Be(new WorkspaceSettingsEntry("texts", "2", 2));
    }

    [Fact]
    public async Task Settings_ConcurrentSavesOfOneVersion_ExactlyOneWins()
    {
        var saves = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () => await Stores.Settings.TrySaveAsync(Workspace, "email", $"{i}", 0))));

        saves.Count(s => s).Should().Be(1);
    }

    [Fact]
    public async Task Playbooks_Publish_MakesTheLastPublishedActive_AndKeepsEveryVersion()
    {
        (await Stores.Playbooks.PublishAsync(Workspace, Playbook("web", 1))).Should().Be(0);
        (await Stores.Playbooks.PublishAsync(Workspace, Playbook("web", 2))).Should().Be(1);
        (await Stores.Playbooks.PublishAsync(Workspace, Playbook("sales", 1))).Should().Be(0);

        (await Stores.Playbooks.FindActiveAsync(Workspace)).Should().BeEquivalentTo(Playbook("sales", 1));
        (await Stores.Playbooks.FindVersionAsync(Workspace, "web", 1)).Should().BeEquivalentTo(Playbook("web", 1));
        (await Stores.Playbooks.FindVersionAsync(Workspace, "web", 2)).Should().BeEquivalentTo(Playbook("web", 2));
        (await Stores.Playbooks.FindVersionAsync(Workspace, "web", 3)).Should().BeNull();
        (await Stores.Playbooks.FindActiveAsync(Other)).Should().BeNull();
    }

    [Fact]
    public async Task Playbooks_PublishAnOlderOrTheSameVersion_IsRefusedAndChangesNothing()
    {
        await Stores.Playbooks.PublishAsync(Workspace, Playbook("web", 3));

        (await Stores.Playbooks.PublishAsync(Workspace, Playbook("web", 3) with { Language = "en" })).Should().Be(3);
        (await Stores.Playbooks.PublishAsync(Workspace, Playbook("web", 2))).Should().Be(3);

        (await Stores.Playbooks.FindActiveAsync(Workspace))!.Language.Should().Be("fr");
        (await Stores.Playbooks.FindVersionAsync(Workspace, "web", 2)).Should().BeNull();
    }

    [Fact]
    public async Task Runs_TryReplace_IsACompareAndSwap()
    {
        var conversation = new ConversationId(Guid.NewGuid());
        var first = Run("start");
        (await Stores.Runs.TryReplaceAsync(Workspace, conversation, null, first)).Should().BeTrue();
        (await Stores.Runs.TryReplaceAsync(Workspace, conversation, null, Run("other"))).Should().BeFalse("a run exists");

        var read = await Stores.Runs.FindAsync(Workspace, conversation);
        var second = read! with { CardId = "ask", Answers = read.Answers.SetItem("b", "2").SetItem("a", "1") };
        (await Stores.Runs.TryReplaceAsync(Workspace, conversation, read, second)).Should().BeTrue();
        (await Stores.Runs.TryReplaceAsync(Workspace, conversation, read, Run("late"))).Should().BeFalse("the run moved on");

        var stored = await Stores.Runs.FindAsync(Workspace, conversation);
        stored.Should().BeEquivalentTo(second);
        (await Stores.Runs.FindAsync(Other, conversation)).Should().BeNull();
    }

    [Fact]
    public async Task Runs_ConcurrentReplacesOfOneRun_ExactlyOneWins()
    {
        var conversation = new ConversationId(Guid.NewGuid());
        await Stores.Runs.TryReplaceAsync(Workspace, conversation, null, Run("start"));
        var read = await Stores.Runs.FindAsync(Workspace, conversation);

        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            await Stores.Runs.TryReplaceAsync(Workspace, conversation, read, read! with { CardId = $"card-{i}" }))));

        wins.Count(w => w).Should().Be(1);
    }

    [Fact]
    public async Task DueWork_Schedule_UpsertsByKey_AndListsDueEarliestFirst()
    {
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c1", DueWorkKind.ContactForm, Now.AddSeconds(5)));
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c2", DueWorkKind.UnreadReplies, Now.AddSeconds(2)));
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c1", DueWorkKind.ContactForm, Now.AddSeconds(1)));
        await Stores.DueWork.ScheduleAsync(new DueWork(Other, "c3", DueWorkKind.TranscriptOffer, Now.AddMinutes(1)));

        var due = await Stores.DueWork.ListDueAsync(Now.AddSeconds(2), 10);

        due.Select(d => (d.Workspace, d.Subject, d.Kind, d.DueAt)).Should().Equal(
            (Workspace, "c1", DueWorkKind.ContactForm, Now.AddSeconds(1)), (Workspace, "c2", DueWorkKind.UnreadReplies, Now.AddSeconds(2)));
        (await Stores.DueWork.ListDueAsync(DateTimeOffset.MaxValue, 1)).Should().ContainSingle().Which.Subject.Should().Be("c1");
    }

    [Fact]
    public async Task DueWork_Instants_AreKeptToTheMillisecondInUtc()
    {
        var at = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(12_345);

        var scheduled = await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c1", DueWorkKind.OfferExpiry, at));

        (await Stores.DueWork.FindAsync(Workspace, "c1", DueWorkKind.OfferExpiry)).Should().Be(scheduled);
        scheduled.DueAt.Should().Be(DueWorkRules.Truncate(at)).And.BeCloseTo(at, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task DueWork_TryComplete_SucceedsOnce_AndNeverForAStaleCopy()
    {
        var first = await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "agent-1", DueWorkKind.PresenceGrace, Now));
        var moved = await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "agent-1", DueWorkKind.PresenceGrace, Now.AddSeconds(30)));

        moved.Generation.Should().NotBe(first.Generation);
        (await Stores.DueWork.TryCompleteAsync(first)).Should().BeFalse("it was scheduled again meanwhile");
        (await Stores.DueWork.TryCompleteAsync(moved)).Should().BeTrue();
        (await Stores.DueWork.TryCompleteAsync(moved)).Should().BeFalse();
        (await Stores.DueWork.FindAsync(Workspace, "agent-1", DueWorkKind.PresenceGrace)).Should().BeNull();
    }

    [Fact]
    public async Task DueWork_ConcurrentCompletions_ExactlyOneWins()
    {
        var item = await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c1", DueWorkKind.UnreadReplies, Now));

        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await Stores.DueWork.TryCompleteAsync(item))));

        wins.Count(w => w).Should().Be(1);
    }

    [Fact]
    public async Task DueWork_Cancel_RemovesTheKeyOnly()
    {
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c1", DueWorkKind.ContactForm, Now));
        await Stores.DueWork.ScheduleAsync(new DueWork(Workspace, "c1", DueWorkKind.TranscriptOffer, Now));

        (await Stores.DueWork.CancelAsync(Workspace, "c1", DueWorkKind.ContactForm)).Should().BeTrue();
        (await Stores.DueWork.CancelAsync(Workspace, "c1", DueWorkKind.ContactForm)).Should().BeFalse();

        (await Stores.DueWork.ListDueAsync(DateTimeOffset.MaxValue, 10)).Should().ContainSingle().Which.Kind.Should().Be(DueWorkKind.TranscriptOffer);
    }

    [Fact]
    public async Task DueWork_ListDue_RefusesANonPositiveLimit()
        => await FluentActions.Awaiting(async () => await Stores.DueWork.ListDueAsync(Now, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();

    private static Playbook Playbook(string id, int version) => new()
    {
        Id = id,
        Version = version,
        Language = "fr",
        StartCardId = "hello",
        Cards = [new MessageCard { Id = "hello", Text = "Bonjour ✓", Next = "end" }, new EndCard { Id = "end" }],
    };

    private static PlaybookRun Run(string card) => new()
    {
        PlaybookId = "web",
        Version = 2,
        CardId = card,
        Status = PlaybookRunStatus.Waiting,
        Answers = ImmutableDictionary<string, string>.Empty.Add("email", "lea@example.fr"),
        PendingForm = PlaybookFormKind.ContactForm,
        CrmRecords = [new CrmRecordId("lead-7")],
    };
}
