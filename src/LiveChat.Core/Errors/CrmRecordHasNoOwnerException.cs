using LiveChat.Core.Crm;

namespace LiveChat.Core;

/// <summary>The CRM record has no owner to notify.</summary>
public sealed class CrmRecordHasNoOwnerException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public CrmRecordHasNoOwnerException(CrmRecordId recordId)
        : base($"CRM record {recordId} has no owner to notify.")
    {
        RecordId = recordId;
    }

    /// <summary>The record.</summary>
    public CrmRecordId RecordId { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Invalid;
}
