namespace LiveChat.Core.Storage;

/// <summary>The embedded <see cref="IDueWorkStore"/>: due work in process memory, lost with it. Thread-safe.</summary>
public sealed class InMemoryDueWorkStore : IDueWorkStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(WorkspaceId, string, DueWorkKind), DueWork> _items = [];
    private long _generation;

    /// <inheritdoc/>
    public ValueTask<DueWork> ScheduleAsync(DueWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            var stored = work with { DueAt = DueWorkRules.Truncate(work.DueAt), Generation = ++_generation };
            _items[(work.Workspace, work.Subject, work.Kind)] = stored;
            return ValueTask.FromResult(stored);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> CancelAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_items.Remove((workspace, subject, kind)));
        }
    }

    /// <inheritdoc/>
    public ValueTask<DueWork?> FindAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_items.GetValueOrDefault((workspace, subject, kind)));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<DueWork>> ListDueAsync(DateTimeOffset dueBy, int limit, DueWorkPartition partition = default, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<DueWork>>([.. _items.Values.Where(w => w.DueAt <= dueBy && partition.Contains(w)).OrderBy(w => w.DueAt).Take(limit)]);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<DueWork>> ListPendingAsync(IReadOnlyCollection<DueWorkKind> kinds, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<DueWork>>([.. _items.Values.Where(w => kinds.Contains(w.Kind)).OrderBy(w => w.DueAt).Take(limit)]);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> TryCompleteAsync(DueWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            var key = (work.Workspace, work.Subject, work.Kind);
            return ValueTask.FromResult(_items.TryGetValue(key, out var stored) && stored.Generation == work.Generation && _items.Remove(key));
        }
    }
}
