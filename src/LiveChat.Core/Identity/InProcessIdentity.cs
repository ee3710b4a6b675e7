using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Identity;

/// <summary>
/// The default <see cref="IIdentityPort"/>: writes in this process, in the workspace's writer's turn of
/// <see cref="IdentityService"/> (features I2–I6, X9). An adapter that moves a workspace's writes elsewhere (an identity
/// grain of <c>LiveChat.Orleans</c>, feature X7) runs this class there. Each method checks its input again and throws
/// what its <see cref="IdentityService"/> counterpart documents. Thread-safe.
/// </summary>
public sealed class InProcessIdentity : IIdentityPort
{
    private readonly IdentityService _identity;

    internal InProcessIdentity(IdentityService identity) => _identity = identity;

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public async ValueTask<IdentifyResult> IdentifyAsync(WorkspaceId workspace, IdentifyRequest request, CancellationToken cancellationToken)
        => (await _identity.IdentifyHereAsync(workspace, request, decide: true, cancellationToken).ConfigureAwait(false))!;

    /// <inheritdoc />
    public ValueTask<IdentifyResult> ReResolveAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
        => _identity.ReResolveHereAsync(workspace, conversationId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Contact> CorrectFieldAsync(
        WorkspaceId workspace, ContactId contactId, string name, string value, string actor, string reason, CancellationToken cancellationToken)
        => _identity.CorrectFieldHereAsync(workspace, contactId, name, value, actor, reason, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Contact> DetachIdentifierAsync(
        WorkspaceId workspace, ContactId contactId, ContactIdentifier identifier, string actor, string reason, CancellationToken cancellationToken)
        => _identity.DetachIdentifierHereAsync(workspace, contactId, identifier, actor, reason, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ContactsMerged> MergeAsync(
        WorkspaceId workspace, ContactId survivorId, ContactId absorbedId, string actor, string reason, CancellationToken cancellationToken)
        => _identity.MergeHereAsync(workspace, survivorId, absorbedId, actor, reason, cancellationToken);

    /// <inheritdoc />
    public ValueTask<MergeUndone> UndoMergeAsync(WorkspaceId workspace, long mergeSequence, string actor, string reason, CancellationToken cancellationToken)
        => _identity.UndoMergeHereAsync(workspace, mergeSequence, actor, reason, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ConversationMoveUndone> UndoMoveAsync(WorkspaceId workspace, long moveSequence, string actor, string reason, CancellationToken cancellationToken)
        => _identity.UndoMoveHereAsync(workspace, moveSequence, actor, reason, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ErasureSummary> EraseAsync(WorkspaceId workspace, ContactId contactId, string actor, string reason, CancellationToken cancellationToken)
        => _identity.EraseHereAsync(workspace, contactId, actor, reason, cancellationToken);

    /// <inheritdoc />
    public ValueTask<CrmRecordId?> FileCrmRecordAsync(
        Conversation conversation, CrmRecordId record, string actor, CrmRecordId? gone, CancellationToken cancellationToken)
        => _identity.FileCrmRecordHereAsync(conversation, record, actor, gone, cancellationToken);
}
