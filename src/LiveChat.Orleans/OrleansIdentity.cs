using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;

namespace LiveChat.Orleans;

/// <summary>
/// The <see cref="IIdentityPort"/> of a silo (feature X7): sends every write of a workspace's identity log to the
/// workspace's <see cref="IIdentityGrain"/>, wherever in the cluster it is active. Cancellation stops the wait only; a
/// write the grain has started is finished. A write is sent once, never retried (see <see cref="FrontDoorRetry.OnceAsync{T}"/>):
/// a failure of the cluster reaches the caller as a <see cref="ClusterUnavailableException"/>. Thread-safe.
/// </summary>
internal sealed class OrleansIdentity(IGrainFactory grains) : IIdentityPort
{
    /// <inheritdoc />
    public ValueTask<IdentifyResult> IdentifyAsync(WorkspaceId workspace, IdentifyRequest request, CancellationToken cancellationToken)
        => Call(() => Grain(workspace).IdentifyAsync(request), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IdentifyResult> ReResolveAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
        => Call(() => Grain(workspace).ReResolveAsync(conversationId), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Contact> CorrectFieldAsync(
        WorkspaceId workspace, ContactId contactId, string name, string value, string actor, string reason, CancellationToken cancellationToken)
        => Call(() => Grain(workspace).CorrectFieldAsync(contactId, name, value, actor, reason), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Contact> DetachIdentifierAsync(
        WorkspaceId workspace, ContactId contactId, ContactIdentifier identifier, string actor, string reason, CancellationToken cancellationToken)
        => Call(() => Grain(workspace).DetachIdentifierAsync(contactId, identifier, actor, reason), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ContactsMerged> MergeAsync(
        WorkspaceId workspace, ContactId survivorId, ContactId absorbedId, string actor, string reason, CancellationToken cancellationToken)
        => Call(() => Grain(workspace).MergeAsync(survivorId, absorbedId, actor, reason), cancellationToken);

    /// <inheritdoc />
    public ValueTask<MergeUndone> UndoMergeAsync(WorkspaceId workspace, long mergeSequence, string actor, string reason, CancellationToken cancellationToken)
        => Call(() => Grain(workspace).UndoMergeAsync(mergeSequence, actor, reason), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ConversationMoveUndone> UndoMoveAsync(WorkspaceId workspace, long moveSequence, string actor, string reason, CancellationToken cancellationToken)
        => Call(() => Grain(workspace).UndoMoveAsync(moveSequence, actor, reason), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ErasureSummary> EraseAsync(WorkspaceId workspace, ContactId contactId, string actor, string reason, CancellationToken cancellationToken)
        => Call(() => Grain(workspace).EraseAsync(contactId, actor, reason), cancellationToken);

    /// <inheritdoc />
    public ValueTask<CrmRecordId?> FileCrmRecordAsync(
        Conversation conversation, CrmRecordId record, string actor, CrmRecordId? gone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return Call(() => Grain(conversation.Workspace).FileCrmRecordAsync(conversation, record, actor, gone), cancellationToken);
    }

    private IIdentityGrain Grain(WorkspaceId workspace) => grains.GetGrain<IIdentityGrain>(workspace.Value);

    /// <summary>Sends the call, unless its token is already cancelled: then nothing is sent, so nothing changes.</summary>
    private static ValueTask<T> Call<T>(Func<Task<T>> call, CancellationToken cancellationToken) => cancellationToken.IsCancellationRequested
        ? ValueTask.FromCanceled<T>(cancellationToken)
        : new(FrontDoorRetry.OnceAsync(call()).WaitAsync(cancellationToken));
}
