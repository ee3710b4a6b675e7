using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Tests.Internal;

/// <summary>
/// The scheduler's seam for a cluster (features P7, E3, E4; X7): given <see cref="IConversationTimers"/>, what it
/// schedules is armed there, not on this process's timers; a timer armed there runs the item through the scheduler once,
/// and a move or a cancel reaches it. Without the seam the process arms its own timers, as before.
/// </summary>
public sealed class DueWorkSchedulerTests : IAsyncDisposable
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly ConversationId Chat = new(Guid.CreateVersion7());

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryDueWorkStore _store = new();
    private readonly RecordingTimers _conversations = new();
    private readonly List<DueWork> _ran = [];
    private readonly BackgroundWork _work;

    public DueWorkSchedulerTests() => _work = new BackgroundWork(_time, NullLogger<BackgroundWork>.Instance);

    [Fact]
    public async Task Schedule_WithConversationTimers_ArmsThemNotItsOwn()
    {
        var scheduler = Scheduler(_conversations);

        await scheduler.ScheduleAsync(Acme, Chat, DueWorkKind.ContactForm, _time.GetUtcNow().AddSeconds(5), CancellationToken.None);

        _conversations.Armed.Should().ContainSingle().Which.Should().Be((Acme, Chat, DueWorkKind.ContactForm, _time.GetUtcNow().AddSeconds(5)));
        _conversations.Replaced.Should().Equal([true], "a scheduled item replaces the timer armed before");
        scheduler.ArmedHere.Should().Be(0);
        scheduler.Armed.Should().Be(1, "it counts what it armed on the conversation's timers");
        scheduler.IsArmed(Acme, Chat, DueWorkKind.ContactForm).Should().BeTrue();
        _time.Advance(TimeSpan.FromSeconds(5));
        await _work.WhenIdleAsync();
        _ran.Should().BeEmpty("only the conversation's timer runs it");
    }

    [Fact]
    public async Task RunArmed_WhenDue_RunsTheItemOnce_AndNotBefore()
    {
        var scheduler = Scheduler(_conversations);
        await scheduler.ScheduleAsync(Acme, Chat, DueWorkKind.ContactForm, _time.GetUtcNow().AddSeconds(5), CancellationToken.None);

        await scheduler.RunArmedAsync(Acme, Chat, DueWorkKind.ContactForm, CancellationToken.None);
        _ran.Should().BeEmpty("fired early, the timer is armed again for the item's instant");
        _conversations.Armed.Should().HaveCount(2);

        _time.Advance(TimeSpan.FromSeconds(5));
        await scheduler.RunArmedAsync(Acme, Chat, DueWorkKind.ContactForm, CancellationToken.None);
        await scheduler.RunArmedAsync(Acme, Chat, DueWorkKind.ContactForm, CancellationToken.None);

        _ran.Should().ContainSingle("the store lets one try complete it");
    }

    [Fact]
    public async Task TrySchedule_APendingItem_ArmsItOnTheConversationTimersAtItsStoredInstant()
    {
        var due = _time.GetUtcNow().AddMinutes(1);
        await _store.ScheduleAsync(new DueWork(Acme, Chat.ToString(), DueWorkKind.UnreadReplies, due));
        var scheduler = Scheduler(_conversations, DueWorkKind.UnreadReplies);

        (await scheduler.TryScheduleAsync(Acme, Chat, DueWorkKind.UnreadReplies, TimeSpan.FromMinutes(5), CancellationToken.None)).Should().BeFalse();

        _conversations.Armed.Should().ContainSingle().Which.DueAt.Should().Be(due);
        _conversations.Replaced.Should().Equal([false], "an instant read back from the store never replaces a newer one armed meanwhile");
    }

    [Fact]
    public async Task Cancel_DisarmsTheConversationTimer_AndForgetsTheItem()
    {
        var scheduler = Scheduler(_conversations);
        await scheduler.ScheduleAsync(Acme, Chat, DueWorkKind.ContactForm, _time.GetUtcNow().AddSeconds(5), CancellationToken.None);

        await scheduler.CancelAsync(Acme, Chat, DueWorkKind.ContactForm, CancellationToken.None);

        _conversations.Disarmed.Should().ContainSingle();
        scheduler.IsArmed(Acme, Chat, DueWorkKind.ContactForm).Should().BeFalse();
        (await _store.FindAsync(Acme, Chat.ToString(), DueWorkKind.ContactForm)).Should().BeNull();
    }

    [Fact]
    public async Task Schedule_WithoutConversationTimers_ArmsItsOwnTimer_WhichRunsTheItem()
    {
        var scheduler = Scheduler(conversations: null);

        await scheduler.ScheduleAsync(Acme, Chat, DueWorkKind.ContactForm, _time.GetUtcNow().AddSeconds(5), CancellationToken.None);
        scheduler.ArmedHere.Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(5));
        await _work.WhenIdleAsync();

        _ran.Should().ContainSingle();
    }

    public async ValueTask DisposeAsync() => await _work.DisposeAsync();

    private DueWorkScheduler Scheduler(IConversationTimers? conversations, DueWorkKind kind = DueWorkKind.ContactForm)
        => new(_store, _work, new Dictionary<DueWorkKind, Func<DueWork, CancellationToken, Task>>
        {
            [kind] = (item, _) =>
            {
                lock (_ran)
                {
                    _ran.Add(item);
                }

                return Task.CompletedTask;
            },
        }, conversations);

    /// <summary>Records what the scheduler arms and disarms; answers <see cref="IsArmed"/> as a silo would, until the instant.</summary>
    private sealed class RecordingTimers : IConversationTimers
    {
        public List<(WorkspaceId Workspace, ConversationId Conversation, DueWorkKind Kind, DateTimeOffset DueAt)> Armed { get; } = [];

        public List<(WorkspaceId Workspace, ConversationId Conversation, DueWorkKind Kind)> Disarmed { get; } = [];

        public List<bool> Replaced { get; } = [];

        public void Arm(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind, DateTimeOffset dueAt, bool replace)
        {
            Armed.Add((workspace, conversationId, kind, dueAt));
            Replaced.Add(replace);
        }

        public bool Disarm(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind)
        {
            Disarmed.Add((workspace, conversationId, kind));
            return Armed.RemoveAll(a => a.Workspace == workspace && a.Conversation == conversationId && a.Kind == kind) > 0;
        }

        public bool IsArmed(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind)
            => Armed.Exists(a => a.Workspace == workspace && a.Conversation == conversationId && a.Kind == kind);

        public int CountArmed(DueWorkKind kind) => Armed.Count(a => a.Kind == kind);
    }
}
