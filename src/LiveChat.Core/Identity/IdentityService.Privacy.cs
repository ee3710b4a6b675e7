using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Internal;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Identity;

/// <content>Privacy requests (feature X9) and the transcript copy to the CRM (feature C9).</content>
public sealed partial class IdentityService
{
    /// <summary>Everything held on a contact: the contact, its audit trail, its transcripts, its CRM record and feed.</summary>
    /// <exception cref="ContactNotFoundException">No such contact.</exception>
    public async ValueTask<ContactExport> ExportAsync(WorkspaceId workspace, ContactId contactId, CancellationToken cancellationToken = default)
    {
        var contact = await GetContactAsync(workspace, contactId, cancellationToken).ConfigureAwait(false);
        var trail = await GetAuditTrailAsync(workspace, contactId, cancellationToken).ConfigureAwait(false);
        var transcripts = new List<Transcript>();
        foreach (var attached in contact.Conversations)
        {
            if (await _store.FindConversationAsync(workspace, attached.ConversationId, cancellationToken).ConfigureAwait(false) is { } conversation)
            {
                transcripts.Add(await TranscriptReader.ReadAsync(_store, conversation, cancellationToken).ConfigureAwait(false));
            }
        }

        var record = contact.CrmRecord is { } id ? await _crm.FindAsync(workspace, id, cancellationToken).ConfigureAwait(false) : null;
        var activities = record is null ? [] : await _crm.ListActivitiesAsync(workspace, record.Id, null, cancellationToken).ConfigureAwait(false);
        return new ContactExport(contact, trail, transcripts, record, activities);
    }

    /// <summary>
    /// Erases a contact (feature X9): its identifiers, fields and CRM record, the text of its conversations, and the
    /// personal values in the log; contacts merged into it go too. Only anonymous counts remain.
    /// </summary>
    /// <exception cref="ContactNotFoundException">No such active contact.</exception>
    /// <exception cref="NotSupportedException">The conversation store cannot erase message text.</exception>
    public ValueTask<ErasureSummary> EraseAsync(WorkspaceId workspace, ContactId contactId, string actor, string reason, CancellationToken cancellationToken = default)
    {
        Guard.Defined(contactId);
        CheckWho(workspace, actor, reason);
        return Port.EraseAsync(workspace, contactId, actor, reason, cancellationToken);
    }

    /// <summary><see cref="EraseAsync"/> checked and written here, in this process's writer's turn (<see cref="InProcessIdentity"/>).</summary>
    internal ValueTask<ErasureSummary> EraseHereAsync(WorkspaceId workspace, ContactId contactId, string actor, string reason, CancellationToken cancellationToken)
    {
        Guard.Defined(contactId);
        var who = CheckWho(workspace, actor, reason);
        return WriteAsync(workspace, async book =>
        {
            var contact = RequireActive(book, contactId);
            var absorbed = new List<Contact>();
            lock (book.Gate)
            {
                var pending = new Queue<ContactId>([contactId]);
                while (pending.TryDequeue(out var next))
                {
                    foreach (var merge in book.ActiveMergesInto(next))
                    {
                        absorbed.Add(book.Find(merge.Absorbed)!);
                        pending.Enqueue(merge.Absorbed);
                    }
                }
            }

            var conversations = contact.Conversations.Select(c => c.ConversationId).ToHashSet();
            if (conversations.Count > 0 && _eraser is null)
            {
                throw new NotSupportedException("The conversation store does not implement IConversationEraser, so message text cannot be erased.");
            }

            long messages = 0;
            foreach (var conversationId in conversations)
            {
                messages += (await _store.FindConversationAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false))?.LastSequence ?? 0;
            }

            // External data goes first: should it fail, the contact is intact and the erasure can simply be retried.
            foreach (var record in absorbed.Append(contact).Select(c => c.CrmRecord).OfType<CrmRecordId>().Distinct())
            {
                await _crm.EraseAsync(workspace, record, cancellationToken).ConfigureAwait(false);
            }

            foreach (var conversationId in conversations)
            {
                await _eraser!.EraseConversationAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
                if (ConversationErased is { } erased)
                {
                    await erased(workspace, conversationId, cancellationToken).ConfigureAwait(false);
                }
            }

            var now = _time.GetUtcNow();
            var summary = new ErasureSummary(conversations.Count, messages, now);
            lock (book.Gate)
            {
                foreach (var other in absorbed)
                {
                    book.Apply(new ContactErased(other.Id, new ErasureSummary(0, 0, now)) { OccurredAt = now, Actor = who.Actor, Reason = who.Reason });
                }

                // Applying the entry redacts the log's personal values; the store rewrites the same entries in the same write.
                book.Apply(new ContactErased(contactId, summary) { OccurredAt = now, Actor = who.Actor, Reason = who.Reason });
            }

            return summary;
        }, cancellationToken);
    }

    /// <summary>Told of every conversation whose text is erased, so the playbook bot can forget the visitor's answers too.</summary>
    internal Func<WorkspaceId, ConversationId, CancellationToken, ValueTask>? ConversationErased { get; set; }

    /// <summary>
    /// Files a CRM record created from a conversation (by an agent or a playbook, features C7, P4) on the conversation's
    /// contact, creating the contact when the conversation has none yet, so that whatever the client says later lands on
    /// that record. A contact keeps the record it already has, unless that is <paramref name="gone"/>, a record the CRM
    /// no longer holds. A contact created here has no name until the client gives one.
    /// </summary>
    /// <returns>The contact's record afterwards; <see langword="null"/> when chat tracking is off for the channel.</returns>
    /// <remarks>Written through the <see cref="IIdentityPort"/>, like every write to the identity log.</remarks>
    internal ValueTask<CrmRecordId?> FileCrmRecordAsync(
        Conversation conversation, CrmRecordId record, string actor, CrmRecordId? gone, CancellationToken cancellationToken)
    {
        CheckFiling(conversation, record, actor);
        return Port.FileCrmRecordAsync(conversation, record, actor, gone, cancellationToken);
    }

    /// <summary><see cref="FileCrmRecordAsync"/> checked and written here, in this process's writer's turn (<see cref="InProcessIdentity"/>).</summary>
    internal async ValueTask<CrmRecordId?> FileCrmRecordHereAsync(
        Conversation conversation, CrmRecordId record, string actor, CrmRecordId? gone, CancellationToken cancellationToken)
    {
        CheckFiling(conversation, record, actor);
        return await WriteAsync(conversation.Workspace, book => ValueTask.FromResult(FileLocked(book, conversation, record, actor, gone)), cancellationToken)
            .ConfigureAwait(false);
    }

    private static void CheckFiling(Conversation conversation, CrmRecordId record, string actor)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        Guard.Defined(record);
        Guard.NotNullOrWhiteSpace(actor, MaxActorLength);
        Guard.Defined(conversation.Workspace);
    }

    private CrmRecordId? FileLocked(IdentityBook book, Conversation conversation, CrmRecordId record, string actor, CrmRecordId? gone)
    {
        const string Reason = "created from the conversation";
        var now = _time.GetUtcNow();
        lock (book.Gate)
        {
            if (!book.Settings.For(conversation.Channel).EnableChatTracking)
            {
                return null;
            }

            var contact = book.FindByConversation(conversation.Id);
            if (contact is null)
            {
                var id = NewContactId();
                var attachment = new ContactConversation(conversation.Id, conversation.Channel, null, VerificationLevel.SelfAsserted, now);
                book.Apply(new ConversationObserved(conversation.Id, conversation.Channel, book.Observed(conversation.Id)?.Identifiers ?? [])
                    { OccurredAt = now, Actor = actor, Reason = Reason });
                book.Apply(new ContactCreated(id, conversation.Id) { OccurredAt = now, Actor = actor, Reason = Reason });
                book.Apply(new CrmRecordLinked(id, record) { OccurredAt = now, Actor = actor, Reason = Reason });
                book.Apply(new ConversationAttached(id, attachment) { OccurredAt = now, Actor = actor, Reason = Reason });
                return record;
            }

            if (contact.CrmRecord is null || contact.CrmRecord == gone)
            {
                book.Apply(new CrmRecordLinked(contact.Id, record) { OccurredAt = now, Actor = actor, Reason = Reason });
                return record;
            }

            return contact.CrmRecord;
        }
    }

    /// <summary>Copies an ended conversation's transcript into its contact's CRM activity feed (feature C9).</summary>
    internal async ValueTask CopyTranscriptAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var contact = await ReadAsync(conversation.Workspace, b => b.FindByConversation(conversation.Id), cancellationToken).ConfigureAwait(false);
        if (contact?.CrmRecord is not { } record)
        {
            return;
        }

        var transcript = await TranscriptReader.ReadAsync(_store, conversation, cancellationToken).ConfigureAwait(false);
        var first = transcript.Messages.FirstOrDefault(m => m.Sender.Kind == SenderKind.Visitor);
        await _crm.AddActivityAsync(conversation.Workspace, new CrmActivity
        {
            RecordId = record,
            Type = CrmActivityType.Chat,
            OccurredAt = conversation.StartedAt,
            EndedAt = conversation.EndedAt,
            Text = first?.Text ?? _locales.Text(conversation.Workspace, conversation.Channel, SystemText.NoClientMessage),
            AgentId = conversation.Participants.LastOrDefault(p => p.Kind == SenderKind.Agent)?.AgentId,
            ContactName = contact.Name,
            TranscriptReference = TranscriptReference(conversation),
            Transcript = transcript.ToPlainText(
                _locales.TimeZone(conversation.Workspace, conversation.Channel), key => _locales.Text(conversation.Workspace, conversation.Channel, key)),
        }, cancellationToken).ConfigureAwait(false);
    }

    internal static string TranscriptReference(Conversation conversation) => $"urn:livechat:{conversation.Workspace}:conversation:{conversation.Id}";
}
