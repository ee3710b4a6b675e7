using System.Collections.Concurrent;

namespace LiveChat.Core.Internal;

/// <summary>
/// Every workspace's settings (identity, e-mail, text overrides), kept in the <see cref="IWorkspaceSettingsStore"/> and
/// cached here per workspace, with the language of its active playbook from the <see cref="Playbooks.IPlaybookStore"/>
/// (the workspace's language when its settings name none).
/// </summary>
/// <remarks>
/// <para>
/// Freshness rule: a cached workspace is read from the store again once older than
/// <see cref="LiveChatOptions.WorkspaceCacheDuration"/> on the engine's clock, so a change another process saved is used
/// here at most that long after; a change saved here is used here at once. A save reads the stored version and
/// compares-and-swaps on it, retrying on a lost race, so concurrent saves of different sections, or from different
/// processes, never lose each other.
/// </para>
/// <para>
/// <see cref="Get"/> is for the synchronous readers on the request path (texts, languages, time zones): it never waits for
/// the store once this process holds a copy of the workspace. A stale copy starts one refresh per workspace (single
/// flight); a store that answers at once (the in-memory one) is used at once, one doing I/O answers off the caller's path
/// while the stale copy is served, so a thread-pool thread is never blocked on I/O for it. Only the first read of a
/// workspace in a process, with nothing to serve yet, blocks on the store; <see cref="GetAsync"/> never blocks. A copy is
/// replaced only by one at least as new (by the sum of its section versions), so a slow refresh never undoes a save.
/// Thread-safe.
/// </para>
/// </remarks>
internal sealed class WorkspaceSettings(IWorkspaceSettingsStore store, Playbooks.IPlaybookStore playbooks, BackgroundWork work, TimeSpan cacheDuration)
{
    private readonly ConcurrentDictionary<WorkspaceId, WorkspaceSettingsSnapshot> _cache = new();
    private readonly ConcurrentDictionary<WorkspaceId, Task<WorkspaceSettingsSnapshot>> _refreshes = new();

    /// <summary>
    /// The workspace's settings: the copy while fresh; once stale, the store's answer if it comes at once, else the stale
    /// copy while one refresh runs off the caller's path. Blocks on the store only at the workspace's first read here.
    /// </summary>
    public WorkspaceSettingsSnapshot Get(WorkspaceId workspace)
    {
        if (!_cache.TryGetValue(workspace, out var cached))
        {
            return LoadAsync(workspace, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        if (IsFresh(cached))
        {
            return cached;
        }

        var refresh = Refresh(workspace);
        return refresh.IsCompletedSuccessfully ? refresh.GetAwaiter().GetResult() : cached;
    }

    /// <summary>The workspace's settings, from the cache while fresh, else read from the store.</summary>
    public ValueTask<WorkspaceSettingsSnapshot> GetAsync(WorkspaceId workspace, CancellationToken cancellationToken)
        => _cache.TryGetValue(workspace, out var cached) && IsFresh(cached) ? ValueTask.FromResult(cached) : LoadAsync(workspace, cancellationToken);

    /// <summary>
    /// Saves the section <paramref name="section"/> as <paramref name="change"/> makes it from the stored settings, retrying
    /// while another writer comes first; returns the settings as saved.
    /// </summary>
    /// <exception cref="EngineStoppedException">The engine was disposed; nothing was saved.</exception>
    public async ValueTask<WorkspaceSettingsSnapshot> SaveAsync(
        WorkspaceId workspace, string section, Func<WorkspaceSettingsSnapshot, string> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            work.ThrowIfDisposed();
            var stored = await LoadAsync(workspace, cancellationToken).ConfigureAwait(false);
            if (await store.TrySaveAsync(workspace, section, change(stored), stored.VersionOf(section), cancellationToken).ConfigureAwait(false))
            {
                return await LoadAsync(workspace, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads the workspace again now, as after a publication here: its new playbook's language is used at once.</summary>
    public async ValueTask ReloadAsync(WorkspaceId workspace, CancellationToken cancellationToken)
        => await LoadAsync(workspace, cancellationToken).ConfigureAwait(false);

    private bool IsFresh(WorkspaceSettingsSnapshot cached) => work.Time.GetUtcNow() - cached.LoadedAt < cacheDuration;

    /// <summary>The workspace's refresh in flight, else a new one, kept until it completes if it does not at once.</summary>
    private Task<WorkspaceSettingsSnapshot> Refresh(WorkspaceId workspace)
    {
        if (_refreshes.TryGetValue(workspace, out var running))
        {
            return running;
        }

        var load = LoadAsync(workspace, CancellationToken.None).AsTask();
        if (!load.IsCompleted && _refreshes.TryAdd(workspace, load))
        {
            // A failed refresh is forgotten: the next stale read tries again, and GetAsync reports the error.
            _ = load.ContinueWith(
                done => _refreshes.TryRemove(KeyValuePair.Create(workspace, done)) && done.Exception is not null,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return load;
    }

    private async ValueTask<WorkspaceSettingsSnapshot> LoadAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var now = work.Time.GetUtcNow();
        var entries = await store.GetAllAsync(workspace, cancellationToken).ConfigureAwait(false);
        var playbook = await playbooks.FindActiveAsync(workspace, cancellationToken).ConfigureAwait(false);
        var loaded = WorkspaceSettingsSnapshot.From(entries, now, playbook?.Language);
        return _cache.AddOrUpdate(workspace, static (_, loaded) => loaded, static (_, held, loaded) => held.Revision > loaded.Revision ? held : loaded, loaded);
    }
}
