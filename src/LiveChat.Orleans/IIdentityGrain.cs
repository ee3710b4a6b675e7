using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;

namespace LiveChat.Orleans;

/// <summary>
/// The single writer of one workspace's identity log in the cluster (features I2–I6, X7, X9), keyed by the workspace id:
/// every silo's <see cref="IIdentityPort"/> sends it every write of the workspace's log. The calls mirror
/// <see cref="IIdentityPort"/>; the caller has checked the input already, and the grain raises the core's own exceptions.
/// </summary>
[Alias("livechat.identity")]
internal interface IIdentityGrain : IGrainWithStringKey
{
    /// <summary>Resolves a conversation to one contact (feature I2).</summary>
    [Alias("identify")]
    Task<IdentifyResult> IdentifyAsync(IdentifyRequest request);

    /// <summary>Resolves a conversation again from what it gave before (feature I5).</summary>
    [Alias("re-resolve")]
    Task<IdentifyResult> ReResolveAsync(ConversationId conversationId);

    /// <summary>Sets a field on purpose (feature I3).</summary>
    [Alias("correct-field")]
    Task<Contact> CorrectFieldAsync(ContactId contactId, string name, string value, string actor, string reason);

    /// <summary>Detaches a wrong identifier (feature I5).</summary>
    [Alias("detach")]
    Task<Contact> DetachIdentifierAsync(ContactId contactId, ContactIdentifier identifier, string actor, string reason);

    /// <summary>Merges two contacts (features I5, I6).</summary>
    [Alias("merge")]
    Task<ContactsMerged> MergeAsync(ContactId survivorId, ContactId absorbedId, string actor, string reason);

    /// <summary>Undoes a merge (feature I5).</summary>
    [Alias("undo-merge")]
    Task<MergeUndone> UndoMergeAsync(long mergeSequence, string actor, string reason);

    /// <summary>Undoes an automatic move of a conversation (feature I5).</summary>
    [Alias("undo-move")]
    Task<ConversationMoveUndone> UndoMoveAsync(long moveSequence, string actor, string reason);

    /// <summary>Erases a contact (feature X9).</summary>
    [Alias("erase")]
    Task<ErasureSummary> EraseAsync(ContactId contactId, string actor, string reason);

    /// <summary>Files a CRM record made from a conversation on its contact (features C7, P4).</summary>
    [Alias("file-crm-record")]
    Task<CrmRecordId?> FileCrmRecordAsync(Conversation conversation, CrmRecordId record, string actor, CrmRecordId? gone);
}
