using LiveChat.Core.Crm;

namespace LiveChat.Core;

/// <summary>The CRM record does not exist in this workspace.</summary>
public sealed class CrmRecordNotFoundException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public CrmRecordNotFoundException(WorkspaceId workspace, CrmRecordId recordId)
        : base($"CRM record {recordId} was not found in workspace '{workspace}'.")
    {
        Workspace = workspace;
        RecordId = recordId;
    }

    /// <summary>The workspace searched.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The id not found.</summary>
    public CrmRecordId RecordId { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.NotFound;
}
