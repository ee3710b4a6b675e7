namespace LiveChat.Core.Playbooks;

/// <summary>The embedded <see cref="IPlaybookStore"/>: published playbooks in process memory, lost with it. Thread-safe.</summary>
public sealed class InMemoryPlaybookStore : IPlaybookStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(WorkspaceId, string, int), Playbook> _versions = [];
    private readonly Dictionary<WorkspaceId, Playbook> _active = [];
    private long _publications;

    /// <summary>
    /// How many publications this store has taken, in any workspace: an engine that read a workspace's active playbook
    /// knows the answer still holds while this count has not moved (engines sharing one store in a process, as silos do).
    /// </summary>
    internal long Publications => Volatile.Read(ref _publications);

    /// <inheritdoc/>
    public ValueTask<int> PublishAsync(WorkspaceId workspace, Playbook playbook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        lock (_gate)
        {
            var latest = _versions.Keys.Where(k => k.Item1 == workspace && k.Item2 == playbook.Id).Select(k => k.Item3).DefaultIfEmpty(0).Max();
            if (playbook.Version > latest)
            {
                _versions[(workspace, playbook.Id, playbook.Version)] = playbook;
                _active[workspace] = playbook;
                Interlocked.Increment(ref _publications);
            }

            return ValueTask.FromResult(latest);
        }
    }

    /// <inheritdoc/>
    public ValueTask<Playbook?> FindActiveAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_active.GetValueOrDefault(workspace));
        }
    }

    /// <inheritdoc/>
    public ValueTask<Playbook?> FindVersionAsync(WorkspaceId workspace, string playbookId, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(playbookId);
        lock (_gate)
        {
            return ValueTask.FromResult(_versions.GetValueOrDefault((workspace, playbookId, version)));
        }
    }
}
