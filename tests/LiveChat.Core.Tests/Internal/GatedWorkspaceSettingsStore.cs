namespace LiveChat.Core.Tests.Internal;

/// <summary>
/// An in-memory <see cref="IWorkspaceSettingsStore"/> whose reads, once <see cref="Hold"/> is called, wait until
/// <see cref="Release"/>: a store doing real I/O, on the test's terms. Thread-safe.
/// </summary>
public sealed class GatedWorkspaceSettingsStore : IWorkspaceSettingsStore
{
    private readonly InMemoryWorkspaceSettingsStore _inner = new();
    private volatile TaskCompletionSource? _gate;

    /// <summary>How many reads the store has started.</summary>
    public int Reads => Volatile.Read(ref _reads);

    private int _reads;

    /// <summary>From now on, reads wait for <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the waiting reads, and every later one, through.</summary>
    public void Release() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    public async ValueTask<IReadOnlyList<WorkspaceSettingsEntry>> GetAllAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return await _inner.GetAllAsync(workspace, cancellationToken);
    }

    public ValueTask<bool> TrySaveAsync(WorkspaceId workspace, string section, string json, long expectedVersion, CancellationToken cancellationToken = default)
        => _inner.TrySaveAsync(workspace, section, json, expectedVersion, cancellationToken);
}
