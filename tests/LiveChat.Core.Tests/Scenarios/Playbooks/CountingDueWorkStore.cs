using LiveChat.Core.Storage;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>An in-memory <see cref="IDueWorkStore"/> that counts every call made to it, and the writes of each kind. Thread-safe.</summary>
public sealed class CountingDueWorkStore : IDueWorkStore
{
    private readonly InMemoryDueWorkStore _inner = new();
    private readonly int[] _writes = new int[Enum.GetValues<DueWorkKind>().Max(k => (int)k) + 1];
    private int _calls;

    /// <summary>How many calls the store has answered.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>How many schedules and cancels of items of <paramref name="kind"/> the store has answered.</summary>
    public int Writes(DueWorkKind kind) => Volatile.Read(ref _writes[(int)kind]);

    public ValueTask<DueWork> ScheduleAsync(DueWork work, CancellationToken cancellationToken = default)
        => Written(work.Kind)._inner.ScheduleAsync(work, cancellationToken);

    public ValueTask<bool> CancelAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
        => Written(kind)._inner.CancelAsync(workspace, subject, kind, cancellationToken);

    public ValueTask<DueWork?> FindAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
        => Counted()._inner.FindAsync(workspace, subject, kind, cancellationToken);

    public ValueTask<IReadOnlyList<DueWork>> ListDueAsync(DateTimeOffset dueBy, int limit, DueWorkPartition partition = default, CancellationToken cancellationToken = default)
        => Counted()._inner.ListDueAsync(dueBy, limit, partition, cancellationToken);

    public ValueTask<bool> TryCompleteAsync(DueWork work, CancellationToken cancellationToken = default)
        => Counted()._inner.TryCompleteAsync(work, cancellationToken);

    private CountingDueWorkStore Written(DueWorkKind kind)
    {
        Interlocked.Increment(ref _writes[(int)kind]);
        return Counted();
    }

    private CountingDueWorkStore Counted()
    {
        Interlocked.Increment(ref _calls);
        return this;
    }
}
