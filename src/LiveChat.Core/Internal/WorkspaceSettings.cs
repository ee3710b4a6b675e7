using System.Collections.Concurrent;

namespace LiveChat.Core.Internal;

/// <summary>
/// Every workspace's settings (identity, e-mail, text overrides), kept in the <see cref="IWorkspaceSettingsStore"/> and
/// cached here per workspace.
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
/// <see cref="Get"/> is for the synchronous readers (texts, languages, time zones): it blocks on the store only when the
/// workspace's copy is missing or stale. Thread-safe.
/// </para>
/// </remarks>
internal sealed class WorkspaceSettings(IWorkspaceSettingsStore store, TimeProvider time, TimeSpan cacheDuration)
{
    private readonly ConcurrentDictionary<WorkspaceId, WorkspaceSettingsSnapshot> _cache = new();

    /// <summary>The workspace's settings, from the cache while fresh, else read from the store (blocking).</summary>
    public WorkspaceSettingsSnapshot Get(WorkspaceId workspace)
        => Fresh(workspace) ?? LoadAsync(workspace, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>The workspace's settings, from the cache while fresh, else read from the store.</summary>
    public ValueTask<WorkspaceSettingsSnapshot> GetAsync(WorkspaceId workspace, CancellationToken cancellationToken)
        => Fresh(workspace) is { } cached ? ValueTask.FromResult(cached) : LoadAsync(workspace, cancellationToken);

    /// <summary>
    /// Saves the section <paramref name="section"/> as <paramref name="change"/> makes it from the stored settings, retrying
    /// while another writer comes first; returns the settings as saved.
    /// </summary>
    public async ValueTask<WorkspaceSettingsSnapshot> SaveAsync(
        WorkspaceId workspace, string section, Func<WorkspaceSettingsSnapshot, string> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stored = await LoadAsync(workspace, cancellationToken).ConfigureAwait(false);
            if (await store.TrySaveAsync(workspace, section, change(stored), stored.VersionOf(section), cancellationToken).ConfigureAwait(false))
            {
                return await LoadAsync(workspace, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private WorkspaceSettingsSnapshot? Fresh(WorkspaceId workspace)
        => _cache.TryGetValue(workspace, out var cached) && time.GetUtcNow() - cached.LoadedAt < cacheDuration ? cached : null;

    private async ValueTask<WorkspaceSettingsSnapshot> LoadAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var snapshot = WorkspaceSettingsSnapshot.From(await store.GetAllAsync(workspace, cancellationToken).ConfigureAwait(false), now);
        _cache[workspace] = snapshot;
        return snapshot;
    }
}
