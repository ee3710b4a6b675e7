using LiveChat.Core.Agents;

namespace LiveChat.Core;

/// <summary>The agent is not registered in this workspace.</summary>
public sealed class AgentNotFoundException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public AgentNotFoundException(WorkspaceId workspace, AgentId agentId)
        : base($"Agent '{agentId}' is not registered in workspace '{workspace}'.")
    {
        Workspace = workspace;
        AgentId = agentId;
    }

    /// <summary>The workspace that was searched.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The id that was not found.</summary>
    public AgentId AgentId { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.NotFound;
}
