namespace LiveChat.Core;

/// <summary>The embedded <see cref="IWorkspaceSettingsStore"/>: settings in process memory, lost with it. Thread-safe.</summary>
public sealed class InMemoryWorkspaceSettingsStore : IWorkspaceSettingsStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(WorkspaceId, string), WorkspaceSettingsEntry> _entries = [];

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<WorkspaceSettingsEntry>> GetAllAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<WorkspaceSettingsEntry>>([.. _entries.Where(e => e.Key.Item1 == workspace).Select(e => e.Value)]);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> TrySaveAsync(WorkspaceId workspace, string section, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(json);
        lock (_gate)
        {
            var stored = _entries.GetValueOrDefault((workspace, section))?.Version ?? 0;
            if (stored != expectedVersion)
            {
                return ValueTask.FromResult(false);
            }

            _entries[(workspace, section)] = new WorkspaceSettingsEntry(section, json, expectedVersion + 1);
            return ValueTask.FromResult(true);
        }
    }
}
