using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Identity;

/// <summary>
/// Where a workspace's identity log is written (features I2–I6, X7, X9): the one seam that lets a single writer, such as
/// an identity grain of <c>LiveChat.Orleans</c>, own a workspace's identity log for a whole cluster. Every write to the
/// log goes through it: resolutions, re-resolutions, corrections, detaches, merges and their undos, erasures and the
/// filing of CRM records made from a conversation.
/// </summary>
/// <remarks>
/// <para>
/// The default is <see cref="InProcessIdentity"/>: each process writes in its own writer's turn (one writer per
/// workspace in the process), and the store's append check (<see cref="IdentityLogConflictException"/>) makes a
/// process that lost a race to another replay the log and decide again. Another implementation must deliver every
/// call for one workspace to a single place that runs <see cref="InProcessIdentity"/> for it, so that two processes
/// never write one workspace's log at once.
/// </para>
/// <para>
/// <see cref="IdentityService"/> checks each call's input before it reaches the port, so an implementation receives
/// checked input; <see cref="InProcessIdentity"/> checks it again. Calls may come concurrently from any thread; an
/// implementation must be thread-safe. Each method throws what its <see cref="IdentityService"/> counterpart documents,
/// as <see cref="InProcessIdentity"/> raised it (the same exception types and values), and changes nothing then.
/// </para>
/// </remarks>
public interface IIdentityPort
{
    /// <summary>Resolves a conversation to one contact, as <see cref="IdentityService.IdentifyAsync"/> documents (feature I2).</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="request">The conversation and what it tells about its client; not null.</param>
    /// <param name="cancellationToken">Cancels the wait (a decision already under way is finished).</param>
    /// <returns>The outcome, as <see cref="IdentityService.IdentifyAsync"/> returns it.</returns>
    ValueTask<IdentifyResult> IdentifyAsync(WorkspaceId workspace, IdentifyRequest request, CancellationToken cancellationToken);

    /// <summary>Resolves a conversation again, as <see cref="IdentityService.ReResolveAsync"/> documents (feature I5).</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="cancellationToken">Cancels the wait (a decision already under way is finished).</param>
    /// <returns>The outcome.</returns>
    ValueTask<IdentifyResult> ReResolveAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken);

    /// <summary>Sets a field on purpose, as <see cref="IdentityService.CorrectFieldAsync"/> documents (feature I3).</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="contactId">The contact; defined.</param>
    /// <param name="name">The field's name.</param>
    /// <param name="value">The new value.</param>
    /// <param name="actor">Who corrects it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the wait (a write already under way is finished).</param>
    /// <returns>The contact afterwards.</returns>
    ValueTask<Contact> CorrectFieldAsync(
        WorkspaceId workspace, ContactId contactId, string name, string value, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>Detaches a wrong identifier, as <see cref="IdentityService.DetachIdentifierAsync"/> documents (feature I5).</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="contactId">The contact; defined.</param>
    /// <param name="identifier">The identifier to detach; not null.</param>
    /// <param name="actor">Who detaches it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the wait (a write already under way is finished).</param>
    /// <returns>The contact afterwards.</returns>
    ValueTask<Contact> DetachIdentifierAsync(
        WorkspaceId workspace, ContactId contactId, ContactIdentifier identifier, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>Merges two contacts, as <see cref="IdentityService.MergeAsync"/> documents (features I5, I6).</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="survivorId">The contact that stays; defined.</param>
    /// <param name="absorbedId">The contact merged into it; defined.</param>
    /// <param name="actor">Who merges.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the wait (a write already under way is finished).</param>
    /// <returns>The log entry.</returns>
    ValueTask<ContactsMerged> MergeAsync(
        WorkspaceId workspace, ContactId survivorId, ContactId absorbedId, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>Undoes a merge, as <see cref="IdentityService.UndoMergeAsync"/> documents (feature I5).</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="mergeSequence">The sequence of the <see cref="ContactsMerged"/> entry.</param>
    /// <param name="actor">Who undoes it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the wait (a write already under way is finished).</param>
    /// <returns>The log entry.</returns>
    ValueTask<MergeUndone> UndoMergeAsync(WorkspaceId workspace, long mergeSequence, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>Undoes an automatic move of a conversation, as <see cref="IdentityService.UndoMoveAsync"/> documents (feature I5).</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="moveSequence">The sequence of the <see cref="ConversationMoved"/> entry.</param>
    /// <param name="actor">Who undoes it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the wait (a write already under way is finished).</param>
    /// <returns>The log entry.</returns>
    ValueTask<ConversationMoveUndone> UndoMoveAsync(WorkspaceId workspace, long moveSequence, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>Erases a contact, as <see cref="IdentityService.EraseAsync"/> documents (feature X9).</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="contactId">The contact; defined.</param>
    /// <param name="actor">Who erases it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the wait (an erasure already under way is finished).</param>
    /// <returns>What was erased.</returns>
    ValueTask<ErasureSummary> EraseAsync(WorkspaceId workspace, ContactId contactId, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Files a CRM record an agent or a playbook created from a conversation on the conversation's contact (features C7,
    /// P4), creating the contact when the conversation has none yet. A contact keeps the record it already has, unless
    /// that is <paramref name="gone"/>, a record the CRM no longer holds.
    /// </summary>
    /// <param name="conversation">The conversation, as stored; not null. Its workspace is the log written.</param>
    /// <param name="record">The record created; defined.</param>
    /// <param name="actor">Who created it, such as <c>agent:alice</c> or <c>playbook</c>; not white space, at most 200 characters.</param>
    /// <param name="gone">A record the CRM no longer holds, which the contact may lose; or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait (a write already under way is finished).</param>
    /// <returns>The contact's record afterwards; <see langword="null"/> when chat tracking is off for the channel.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> or <paramref name="actor"/> is null.</exception>
    /// <exception cref="ArgumentException">An undefined record, or an empty or oversized actor.</exception>
    ValueTask<CrmRecordId?> FileCrmRecordAsync(
        Conversation conversation, CrmRecordId record, string actor, CrmRecordId? gone, CancellationToken cancellationToken);
}
