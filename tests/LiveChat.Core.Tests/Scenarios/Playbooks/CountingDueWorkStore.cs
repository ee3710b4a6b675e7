using LiveChat.Core.Storage;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>An in-memory <see cref="IDueWorkStore"/> that counts every call made to it. Thread-safe.</summary>
public sealed class CountingDueWorkStore : IDueWorkStore
{
    private readonly InMemoryDueWorkStore _inner = new();
    private int _calls;

    /// <summary>How many calls the store has answered.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<DueWork> ScheduleAsync(DueWork work, CancellationToken cancellationToken = default)
        => Counted()._inner.ScheduleAsync(work, cancellationToken);

    public ValueTask<bool> CancelAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
        => Counted()._inner.CancelAsync(workspace, subject, kind, cancellationToken);

    public ValueTask<DueWork?> FindAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
        => Counted()._inner.FindAsync(workspace, subject, kind, cancellationToken);

    public ValueTask<IReadOnlyList<DueWork>> ListDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken = default)
        => Counted()._inner.ListDueAsync(dueBy, limit, cancellationToken);

    public ValueTask<bool> TryCompleteAsync(DueWork work, CancellationToken cancellationToken = default)
        => Counted()._inner.TryCompleteAsync(work, cancellationToken);

    private CountingDueWorkStore Counted()
    {
        Interlocked.Increment(ref _calls);
        return this;
    }
}
