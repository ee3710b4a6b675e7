using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;

namespace LiveChat.Orleans;

/// <summary>
/// One workspace's identity log writer for the whole cluster (features I2–I6, X7, X9): runs the core's
/// <see cref="InProcessIdentity"/> for its workspace in the silo where it is active, one call at a time, so two silos
/// never write the workspace's identity log at once and none has to lose a race and decide again.
/// </summary>
/// <remarks>
/// Not reentrant: its turn is the workspace's writer's turn. It holds no state of its own; the graph it writes on is
/// the silo's copy, caught up from the store at each write, so a move to another silo loses nothing. What
/// <see cref="InProcessIdentity"/> throws reaches the caller as the same core exception (registered converters).
/// </remarks>
internal sealed class IdentityGrain(InProcessIdentity identity) : Grain, IIdentityGrain
{
    private WorkspaceId Workspace => new(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public Task<IdentifyResult> IdentifyAsync(IdentifyRequest request)
        => identity.IdentifyAsync(Workspace, request, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<IdentifyResult> ReResolveAsync(ConversationId conversationId)
        => identity.ReResolveAsync(Workspace, conversationId, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<Contact> CorrectFieldAsync(ContactId contactId, string name, string value, string actor, string reason)
        => identity.CorrectFieldAsync(Workspace, contactId, name, value, actor, reason, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<Contact> DetachIdentifierAsync(ContactId contactId, ContactIdentifier identifier, string actor, string reason)
        => identity.DetachIdentifierAsync(Workspace, contactId, identifier, actor, reason, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<ContactsMerged> MergeAsync(ContactId survivorId, ContactId absorbedId, string actor, string reason)
        => identity.MergeAsync(Workspace, survivorId, absorbedId, actor, reason, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<MergeUndone> UndoMergeAsync(long mergeSequence, string actor, string reason)
        => identity.UndoMergeAsync(Workspace, mergeSequence, actor, reason, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<ConversationMoveUndone> UndoMoveAsync(long moveSequence, string actor, string reason)
        => identity.UndoMoveAsync(Workspace, moveSequence, actor, reason, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<ErasureSummary> EraseAsync(ContactId contactId, string actor, string reason)
        => identity.EraseAsync(Workspace, contactId, actor, reason, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<CrmRecordId?> FileCrmRecordAsync(Conversation conversation, CrmRecordId record, string actor, CrmRecordId? gone)
    {
        // A conversation of another workspace must not be written into this workspace's log.
        ArgumentNullException.ThrowIfNull(conversation);
        return conversation.Workspace == Workspace
            ? identity.FileCrmRecordAsync(conversation, record, actor, gone, CancellationToken.None).AsTask()
            : throw new ArgumentException($"The conversation belongs to workspace '{conversation.Workspace}', not '{Workspace}'.", nameof(conversation));
    }
}
