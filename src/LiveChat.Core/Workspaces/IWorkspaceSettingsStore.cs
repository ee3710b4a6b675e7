namespace LiveChat.Core;

/// <summary>
/// Where each workspace's settings live: identity settings, e-mail settings and text overrides (features I1–I8, E1–E6,
/// P2), so that every process over the same database uses the same ones and a restart keeps them.
/// <see cref="InMemoryWorkspaceSettingsStore"/> is the embedded default; <c>UseSqlite</c> and <c>UsePostgreSql</c>
/// register durable ones.
/// </summary>
/// <remarks>
/// Each (workspace, section) holds one JSON document with a version. <see cref="TrySaveAsync"/> is a compare-and-swap on
/// that version, so of two writers that read the same version exactly one saves. Implementations must be thread-safe, and
/// a read must see every save that returned before it started.
/// </remarks>
public interface IWorkspaceSettingsStore
{
    /// <summary>Every saved section of the workspace, in no particular order; empty when none was saved.</summary>
    ValueTask<IReadOnlyList<WorkspaceSettingsEntry>> GetAllAsync(WorkspaceId workspace, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="json"/> as the section's document with version <paramref name="expectedVersion"/> + 1, only if
    /// the stored version is still <paramref name="expectedVersion"/> (0: none saved yet).
    /// </summary>
    /// <returns>Whether it was saved; <see langword="false"/> when another writer came first, and nothing changed.</returns>
    ValueTask<bool> TrySaveAsync(WorkspaceId workspace, string section, string json, long expectedVersion, CancellationToken cancellationToken = default);
}
