using LiveChat.Core.Routing;

namespace LiveChat.Core;

/// <summary>The team is not defined in this workspace (feature R4).</summary>
public sealed class TeamNotFoundException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public TeamNotFoundException(WorkspaceId workspace, TeamId teamId)
        : base($"Team '{teamId}' is not defined in workspace '{workspace}'; define it with engine.Agents.DefineTeamAsync first.")
    {
        Workspace = workspace;
        TeamId = teamId;
    }

    /// <summary>The workspace that was searched.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The id that was not found.</summary>
    public TeamId TeamId { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.NotFound;
}
