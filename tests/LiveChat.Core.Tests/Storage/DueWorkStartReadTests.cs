using System.Collections.Concurrent;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using LiveChat.Core.Tests.Scenarios.Playbooks;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Storage;

/// <summary>
/// Issue 15, item 3 (work that comes due is recoverable after a restart), at scale: a start re-arms each owner's pending
/// items by reading only that owner's kinds, not the whole due-work table once per owner.
/// </summary>
public sealed class DueWorkStartReadTests
{
    [Fact]
    public async Task AStart_ReadsEachOwnersKindsOnly_AndNeverTheWholeTable()
    {
        var store = new ReadRecordingDueWorkStore();
        var services = new ServiceCollection();
        services.AddSingleton<IDueWorkStore>(store);
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<LiveChatEngine>();
        await provider.GetRequiredService<BackgroundWork>().WhenIdleAsync();

        store.Pending.Select(kinds => string.Join(",", kinds.Order())).Should().BeEquivalentTo(
            [
                $"{DueWorkKind.OfferExpiry},{DueWorkKind.PresenceGrace}",
                $"{DueWorkKind.UnreadReplies}",
                $"{DueWorkKind.ContactForm},{DueWorkKind.TranscriptOffer}",
            ],
            "routing, the reply mailer and the playbooks each read their own kinds once");
        store.WholeTableReads.Should().Be(0, "no start lists every pending item");
    }

    [Fact]
    public async Task ListPending_OfAStoreWrittenBeforeIt_FiltersItsPageOfTheWholeStore()
    {
        // The counting store implements only the members the interface had before ListPendingAsync.
        IDueWorkStore store = new CountingDueWorkStore();
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        await store.ScheduleAsync(new DueWork(new WorkspaceId("acme"), "c1", DueWorkKind.ContactForm, now));
        await store.ScheduleAsync(new DueWork(new WorkspaceId("acme"), "c2", DueWorkKind.UnreadReplies, now.AddSeconds(1)));

        (await store.ListPendingAsync([DueWorkKind.UnreadReplies], 10)).Should().ContainSingle().Which.Subject.Should().Be("c2");
        await FluentActions.Awaiting(async () => await store.ListPendingAsync([DueWorkKind.UnreadReplies], 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    /// <summary>Records the kinds of each <see cref="IDueWorkStore.ListPendingAsync"/> and counts lists of everything pending.</summary>
    private sealed class ReadRecordingDueWorkStore : IDueWorkStore
    {
        private readonly InMemoryDueWorkStore _inner = new();
        private int _wholeTableReads;

        public ConcurrentQueue<DueWorkKind[]> Pending { get; } = new();

        public int WholeTableReads => Volatile.Read(ref _wholeTableReads);

        public ValueTask<DueWork> ScheduleAsync(DueWork work, CancellationToken cancellationToken = default) => _inner.ScheduleAsync(work, cancellationToken);

        public ValueTask<bool> CancelAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
            => _inner.CancelAsync(workspace, subject, kind, cancellationToken);

        public ValueTask<DueWork?> FindAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
            => _inner.FindAsync(workspace, subject, kind, cancellationToken);

        public ValueTask<IReadOnlyList<DueWork>> ListDueAsync(DateTimeOffset dueBy, int limit, DueWorkPartition partition = default, CancellationToken cancellationToken = default)
        {
            if (dueBy == DateTimeOffset.MaxValue)
            {
                Interlocked.Increment(ref _wholeTableReads);
            }

            return _inner.ListDueAsync(dueBy, limit, partition, cancellationToken);
        }

        public ValueTask<IReadOnlyList<DueWork>> ListPendingAsync(IReadOnlyCollection<DueWorkKind> kinds, int limit, CancellationToken cancellationToken = default)
        {
            Pending.Enqueue([.. kinds]);
            return _inner.ListPendingAsync(kinds, limit, cancellationToken);
        }

        public ValueTask<bool> TryCompleteAsync(DueWork work, CancellationToken cancellationToken = default) => _inner.TryCompleteAsync(work, cancellationToken);
    }
}
