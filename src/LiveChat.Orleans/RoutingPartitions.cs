using System.Collections.Concurrent;
using LiveChat.Core;

namespace LiveChat.Orleans;

/// <summary>
/// The workspaces whose router grain is active in this silo: for them, this silo's own changes go straight to its
/// <see cref="LiveChat.Core.Routing.InProcessRouting"/> instead of through a grain call (a drain's own commits would
/// otherwise call back into the grain whose pass they are part of). Thread-safe.
/// </summary>
internal sealed class RoutingPartitions
{
    private readonly ConcurrentDictionary<WorkspaceId, byte> _owned = new();

    /// <summary>Whether the workspace's router grain is active here.</summary>
    public bool Owns(WorkspaceId workspace) => _owned.ContainsKey(workspace);

    /// <summary>The workspace's router grain was activated here.</summary>
    public void Own(WorkspaceId workspace) => _owned[workspace] = 0;

    /// <summary>The workspace's router grain is deactivating here.</summary>
    public void Release(WorkspaceId workspace) => _owned.TryRemove(workspace, out _);
}
