using LiveChat.Core;
using LiveChat.Core.Agents;

namespace LiveChat.AspNetCore.Internal;

/// <summary>SignalR group names of the agent hub. Lengths are part of the name, so no workspace or agent id can forge another's group.</summary>
internal static class Groups
{
    /// <summary>Every agent connection of <paramref name="workspace"/>.</summary>
    public static string Workspace(WorkspaceId workspace) => $"ws:{workspace.Value.Length}:{workspace.Value}";

    /// <summary>Every connection (tab, device) of one agent.</summary>
    public static string Agent(WorkspaceId workspace, AgentId agentId) => $"agent:{workspace.Value.Length}:{workspace.Value}:{agentId.Value}";
}
