using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;

namespace LiveChat.Core;

/// <summary>
/// A lead was asked for a client the CRM already holds (seed 001, feature C7): the conversation's contact is filed under
/// a record, or a lead or person has the client's e-mail or phone. Nothing was created; notify the record's owner instead.
/// </summary>
public sealed class ClientAlreadyInCrmException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public ClientAlreadyInCrmException(ConversationId conversationId, CrmRecordId existingRecord)
        : base($"The client of conversation {conversationId} is already in the CRM as record {existingRecord}; notify its owner instead of creating a lead.")
    {
        ConversationId = conversationId;
        ExistingRecord = existingRecord;
    }

    /// <summary>The conversation.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The record that matches the client.</summary>
    public CrmRecordId ExistingRecord { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Conflict;
}
