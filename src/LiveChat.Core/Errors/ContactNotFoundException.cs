using LiveChat.Core.Identity;

namespace LiveChat.Core;

/// <summary>The contact does not exist in this workspace, or was merged into another or erased.</summary>
public sealed class ContactNotFoundException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public ContactNotFoundException(WorkspaceId workspace, ContactId contactId)
        : base($"Contact {contactId} was not found among the active contacts of workspace '{workspace}'.")
    {
        Workspace = workspace;
        ContactId = contactId;
    }

    /// <summary>The workspace searched.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The id not found.</summary>
    public ContactId ContactId { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.NotFound;
}
