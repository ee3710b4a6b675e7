using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>
/// The conversation does not exist in this workspace, or the caller may not see it. A conversation of another workspace,
/// or one reached with the wrong visitor token, is reported exactly like a missing one, so that ids cannot be probed.
/// </summary>
public sealed class ConversationNotFoundException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public ConversationNotFoundException(WorkspaceId workspace, ConversationId conversationId)
        : base($"Conversation {conversationId} was not found in workspace '{workspace}'.")
    {
        Workspace = workspace;
        ConversationId = conversationId;
    }

    /// <summary>The workspace that was searched.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The id that was not found.</summary>
    public ConversationId ConversationId { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.NotFound;
}
