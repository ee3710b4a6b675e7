using System.Collections.Immutable;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Identity;

/// <content>Corrections by agents and hosts, each logged with its actor and reason (features I3, I5, I6).</content>
public sealed partial class IdentityService
{
    /// <summary>Sets a field on purpose, replacing any value (feature I3): the explicit, logged overwrite enrichment never does.</summary>
    /// <exception cref="ContactNotFoundException">No such active contact.</exception>
    /// <exception cref="ArgumentException">An empty or oversized name, value, actor or reason.</exception>
    public ValueTask<Contact> CorrectFieldAsync(
        WorkspaceId workspace, ContactId contactId, string name, string value, string actor, string reason, CancellationToken cancellationToken = default)
    {
        CheckCorrection(workspace, contactId, name, value, actor, reason);
        return Port.CorrectFieldAsync(workspace, contactId, name, value, actor, reason, cancellationToken);
    }

    /// <summary><see cref="CorrectFieldAsync"/> checked and written here, in this process's writer's turn (<see cref="InProcessIdentity"/>).</summary>
    internal ValueTask<Contact> CorrectFieldHereAsync(
        WorkspaceId workspace, ContactId contactId, string name, string value, string actor, string reason, CancellationToken cancellationToken)
    {
        var who = CheckCorrection(workspace, contactId, name, value, actor, reason);
        return WriteAsync(workspace, book =>
        {
            var contact = RequireActive(book, contactId);
            var now = _time.GetUtcNow();
            var field = new ContactField(name, value.Trim(), $"{who.Actor}", now);
            Append(book, [new FieldRecorded(contactId, field, contact.Field(name)) { OccurredAt = now, Actor = who.Actor, Reason = who.Reason }]);
            return ValueTask.FromResult(Read(book, b => b.Find(contactId)!));
        }, cancellationToken);
    }

    /// <summary>
    /// Detaches a wrong identifier (feature I5). The conversations it attached leave the contact with the fields they
    /// filled, and are resolved again from what they gave; a tombstone keeps the identifier from attaching to this
    /// contact again.
    /// </summary>
    /// <exception cref="ContactNotFoundException">No such active contact.</exception>
    /// <exception cref="IdentifierNotLinkedException">The identifier is not linked to it.</exception>
    public ValueTask<Contact> DetachIdentifierAsync(
        WorkspaceId workspace, ContactId contactId, ContactIdentifier identifier, string actor, string reason, CancellationToken cancellationToken = default)
    {
        CheckDetach(workspace, contactId, identifier, actor, reason);
        return Port.DetachIdentifierAsync(workspace, contactId, identifier, actor, reason, cancellationToken);
    }

    /// <summary><see cref="DetachIdentifierAsync"/> checked and written here, in this process's writer's turn (<see cref="InProcessIdentity"/>).</summary>
    internal async ValueTask<Contact> DetachIdentifierHereAsync(
        WorkspaceId workspace, ContactId contactId, ContactIdentifier identifier, string actor, string reason, CancellationToken cancellationToken)
    {
        var who = CheckDetach(workspace, contactId, identifier, actor, reason);
        return await WriteAsync(workspace, async book =>
        {
            var contact = RequireActive(book, contactId);
            var link = contact.Find(identifier) ?? throw new IdentifierNotLinkedException(contactId, identifier.Kind);
            var detached = contact.Conversations.Where(c => c.Via?.SameAs(link.Identifier) == true).Select(c => c.ConversationId).ToImmutableArray();
            var sources = detached.Select(FieldSource).ToHashSet(StringComparer.Ordinal);
            var removed = contact.Fields.Where(f => sources.Contains(f.Source)).Select(f => f.Name).ToImmutableArray();
            var now = _time.GetUtcNow();
            Append(book, [new IdentifierDetached(contactId, link.Identifier, detached, removed) { OccurredAt = now, Actor = who.Actor, Reason = who.Reason }]);
            foreach (var conversationId in detached)
            {
                var conversation = await LoadConversationAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
                var observed = Read(book, b => b.Observed(conversationId))!;
                await IdentifyLockedAsync(book, conversation, observed.Identifiers, ImmutableDictionary<string, string>.Empty, book.Settings.For(conversation.Channel), cancellationToken)
                    .ConfigureAwait(false);
            }

            return Read(book, b => b.Find(contactId)!);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Merges <paramref name="absorbedId"/> into <paramref name="survivorId"/>: identifiers, conversations, missing fields
    /// and, when the survivor has none, the CRM record move (features I5, I6). The log entry lists exactly what moved.
    /// </summary>
    /// <returns>The log entry, whose <see cref="IdentityEvent.Sequence"/> undoes the merge.</returns>
    /// <exception cref="ContactNotFoundException">Either contact is not active.</exception>
    /// <exception cref="MergeRefusedException">The same contact twice, or two different host-verified user ids.</exception>
    public ValueTask<ContactsMerged> MergeAsync(
        WorkspaceId workspace, ContactId survivorId, ContactId absorbedId, string actor, string reason, CancellationToken cancellationToken = default)
    {
        CheckMerge(workspace, survivorId, absorbedId, actor, reason);
        return Port.MergeAsync(workspace, survivorId, absorbedId, actor, reason, cancellationToken);
    }

    /// <summary><see cref="MergeAsync"/> checked and written here, in this process's writer's turn (<see cref="InProcessIdentity"/>).</summary>
    internal ValueTask<ContactsMerged> MergeHereAsync(
        WorkspaceId workspace, ContactId survivorId, ContactId absorbedId, string actor, string reason, CancellationToken cancellationToken)
    {
        var who = CheckMerge(workspace, survivorId, absorbedId, actor, reason);
        return WriteAsync(workspace, book =>
        {
            var survivor = RequireActive(book, survivorId);
            var absorbed = RequireActive(book, absorbedId);
            if (survivorId == absorbedId)
            {
                throw new MergeRefusedException("a contact cannot be merged into itself");
            }

            var verified = survivor.Identifiers.Where(l => l.Identifier is { Kind: IdentifierKind.ExternalUserId, Verification: VerificationLevel.HostVerified }).ToList();
            if (absorbed.Identifiers.Any(l => l.Identifier is { Kind: IdentifierKind.ExternalUserId, Verification: VerificationLevel.HostVerified }
                && verified.Any(v => !v.Identifier.SameAs(l.Identifier))))
            {
                throw new MergeRefusedException("the contacts have different host-verified user ids");
            }

            var now = _time.GetUtcNow();
            var merged = ContactsMerged.Between(survivor, absorbed, VerificationLevel.HostVerified, now, who.Actor, who.Reason);
            lock (book.Gate)
            {
                return ValueTask.FromResult((ContactsMerged)book.Apply(merged));
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Undoes a merge (feature I5): the absorbed contact returns exactly as it was, and the survivor loses exactly what it
    /// gained, keeping what it gained since.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="mergeSequence">The <see cref="IdentityEvent.Sequence"/> of the <see cref="ContactsMerged"/> entry.</param>
    /// <param name="actor">Who undoes it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="MergeRefusedException">No such merge, undone already, or what moved has changed since.</exception>
    public ValueTask<MergeUndone> UndoMergeAsync(WorkspaceId workspace, long mergeSequence, string actor, string reason, CancellationToken cancellationToken = default)
    {
        CheckWho(workspace, actor, reason);
        return Port.UndoMergeAsync(workspace, mergeSequence, actor, reason, cancellationToken);
    }

    /// <summary><see cref="UndoMergeAsync"/> checked and written here, in this process's writer's turn (<see cref="InProcessIdentity"/>).</summary>
    internal ValueTask<MergeUndone> UndoMergeHereAsync(WorkspaceId workspace, long mergeSequence, string actor, string reason, CancellationToken cancellationToken)
    {
        var who = CheckWho(workspace, actor, reason);
        return WriteAsync(workspace, book =>
        {
            lock (book.Gate)
            {
                var merge = book.ActiveMerge(mergeSequence) ?? throw new MergeRefusedException($"no merge to undo at log entry {mergeSequence}");
                var survivor = book.Find(merge.Survivor)!;
                if (!survivor.IsActive)
                {
                    throw new MergeRefusedException($"contact {survivor.Id} was merged or erased since; undo that first");
                }

                if (merge.MovedIdentifiers.Any(l => !survivor.Identifiers.Contains(l))
                    || merge.MovedConversations.Any(c => !survivor.Conversations.Contains(c)))
                {
                    throw new MergeRefusedException("identifiers or conversations that moved were detached since");
                }

                var undone = new MergeUndone(mergeSequence, merge.Survivor, merge.Absorbed) { OccurredAt = _time.GetUtcNow(), Actor = who.Actor, Reason = who.Reason };
                return ValueTask.FromResult((MergeUndone)book.Apply(undone));
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Undoes an automatic move of a conversation (<see cref="ConversationMoved"/>, feature I5; issue 12, kinds 3 and 5):
    /// the conversation returns to the contact it was on with what it had brought there, the other contact loses exactly
    /// what the move gave it and keeps what it gained since, and chat tracking never moves that conversation off the
    /// contact again on its own. Thread-safe: serialized with the workspace's other identity writes.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="moveSequence">The <see cref="IdentityEvent.Sequence"/> of the <see cref="ConversationMoved"/> entry.</param>
    /// <param name="actor">Who undoes it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The log entry.</returns>
    /// <exception cref="MergeRefusedException">
    /// No such move, undone already, either contact merged or erased since, or the conversation or what it brought moved
    /// again since; nothing changes.
    /// </exception>
    /// <exception cref="ArgumentException">An empty or oversized actor or reason.</exception>
    public ValueTask<ConversationMoveUndone> UndoMoveAsync(WorkspaceId workspace, long moveSequence, string actor, string reason, CancellationToken cancellationToken = default)
    {
        CheckWho(workspace, actor, reason);
        return Port.UndoMoveAsync(workspace, moveSequence, actor, reason, cancellationToken);
    }

    /// <summary><see cref="UndoMoveAsync"/> checked and written here, in this process's writer's turn (<see cref="InProcessIdentity"/>).</summary>
    internal ValueTask<ConversationMoveUndone> UndoMoveHereAsync(WorkspaceId workspace, long moveSequence, string actor, string reason, CancellationToken cancellationToken)
    {
        var who = CheckWho(workspace, actor, reason);
        return WriteAsync(workspace, book =>
        {
            lock (book.Gate)
            {
                var move = book.ActiveMove(moveSequence) ?? throw new MergeRefusedException($"no conversation move to undo at log entry {moveSequence}");
                if (book.Find(move.From) is not { IsActive: true } || book.Find(move.To) is not { IsActive: true } to)
                {
                    throw new MergeRefusedException($"contact {move.From} or {move.To} was merged or erased since; undo that first");
                }

                if (!to.Conversations.Contains(move.Conversation) || move.MovedIdentifiers.Any(l => !to.Identifiers.Contains(l)))
                {
                    throw new MergeRefusedException("the conversation or identifiers that moved were detached or moved since");
                }

                var undone = new ConversationMoveUndone(moveSequence, move.From, move.To, move.Conversation.ConversationId)
                {
                    OccurredAt = _time.GetUtcNow(), Actor = who.Actor, Reason = who.Reason,
                };
                return ValueTask.FromResult((ConversationMoveUndone)book.Apply(undone));
            }
        }, cancellationToken);
    }

    private static (string Actor, string Reason) CheckCorrection(WorkspaceId workspace, ContactId contactId, string name, string value, string actor, string reason)
    {
        Guard.Defined(contactId);
        Guard.NotNullOrWhiteSpace(name, MaxFieldNameLength);
        Guard.NotNullOrWhiteSpace(value, MaxFieldValueLength);
        return CheckWho(workspace, actor, reason);
    }

    private static (string Actor, string Reason) CheckDetach(WorkspaceId workspace, ContactId contactId, ContactIdentifier identifier, string actor, string reason)
    {
        Guard.Defined(contactId);
        ArgumentNullException.ThrowIfNull(identifier);
        return CheckWho(workspace, actor, reason);
    }

    private static (string Actor, string Reason) CheckMerge(WorkspaceId workspace, ContactId survivorId, ContactId absorbedId, string actor, string reason)
    {
        Guard.Defined(survivorId);
        Guard.Defined(absorbedId);
        return CheckWho(workspace, actor, reason);
    }

    private static Contact RequireActive(IdentityBook book, ContactId contactId)
    {
        lock (book.Gate)
        {
            var contact = book.Find(contactId);
            return contact is { IsActive: true } ? contact : throw new ContactNotFoundException(book.Workspace, contactId);
        }
    }
}
