using System.Collections.Immutable;
using System.Globalization;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Internal;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Identity;

/// <content>The CRM side of chat tracking: finding the client's record and filling what it lacks (features I2, I3).</content>
public sealed partial class IdentityService
{
    /// <summary>
    /// Finds or files the CRM record of a contact that has none yet (features I2, I3, I4), once the conversation gave an
    /// identifier the client can be told apart and reached by: an e-mail, a phone, the host's user id or a channel handle
    /// (seed 003 files the Instagram writer as a lead). A name alone files nobody, so a client who gives their name before
    /// their e-mail lands on their own record, not on a second lead (seed 000's offline flow). A record found for the
    /// first time gets what it lacks at once (seed 002).
    /// </summary>
    /// <returns>The record and whether it was created; <see langword="null"/> while the contact has only a name.</returns>
    private async ValueTask<(CrmRecord Record, bool Created)?> FindOrFileInCrmAsync(
        IdentityBook book, Conversation conversation, IdentityPlan plan, ChannelTracking tracking, string? name,
        ImmutableArray<ProposedFieldChange>.Builder proposed, CancellationToken cancellationToken)
    {
        // A conversation that moved here brings the values it gave before: the new record holds them too.
        IReadOnlyList<LinkedIdentifier> own = plan.Move is { } move ? [.. plan.Links, .. move.MovedIdentifiers] : plan.Links;
        if (!own.Any(l => !l.Blocked))
        {
            return null;
        }

        // Only values the graph has never seen, or sees on this contact alone, are looked up: a value another contact holds
        // was decided (or refused) by the plan, and a CRM hit on it would bypass that decision.
        List<LinkedIdentifier> unknown;
        lock (book.Gate)
        {
            unknown = [.. plan.Links.Where(l => MayLookUpForTarget(book, plan, l))];
        }

        if (tracking.CheckClientInCrm && await FindInCrmAsync(book.Workspace, unknown, cancellationToken).ConfigureAwait(false) is { } found)
        {
            proposed.AddRange(await EnrichCrmRecordAsync(book.Workspace, found, plan.Links, cancellationToken).ConfigureAwait(false));
            return (found, false);
        }

        var draft = ChatRecords.Lead(book.Settings, name ?? conversation.VisitorName, ChatRecords.Email(own), ChatRecords.Phone(own), conversation.AssignedAgentId);
        var record = await ChatRecords.CreateAsync(_crm, _locales, conversation, draft, null, cancellationToken).ConfigureAwait(false);
        lock (book.Gate)
        {
            book.CreatedCrmRecords.Add(record.Id);
        }

        return (record, true);
    }

    /// <summary>
    /// The client the CRM already holds behind a lead chat tracking filed too early (seeds 001 and 003): the contact was
    /// filed as a lead from a channel handle, and now gives an e-mail or phone the lead lacks, which exactly one other CRM
    /// record holds. Copying the value onto the lead would make the second record with one e-mail seed 001 forbids, so
    /// the client wins. A record an agent, a playbook or a merge linked stays: somebody chose it.
    /// </summary>
    private async ValueTask<CrmRecord?> FindClientBehindLeadAsync(
        IdentityBook book, IdentityPlan plan, CrmRecord lead, ChannelTracking tracking, CancellationToken cancellationToken)
    {
        if (!tracking.CheckClientInCrm || lead.Kind != CrmRecordKind.Lead)
        {
            return null;
        }

        List<LinkedIdentifier> lacking;
        lock (book.Gate)
        {
            if (!book.FiledByChatTracking(plan.Contact!.Id, lead.Id))
            {
                return null;
            }

            lacking =
            [
                .. plan.Links.Where(l => MayLookUpForTarget(book, plan, l)
                    && (l.Identifier.Kind == IdentifierKind.Email ? lead.Email is null : l.Identifier.Kind == IdentifierKind.Phone && lead.Phone is null)),
            ];
        }

        return lacking.Count > 0 && await FindInCrmAsync(book.Workspace, lacking, cancellationToken).ConfigureAwait(false) is { } client && client.Id != lead.Id
            ? client
            : null;
    }

    /// <summary>
    /// Tells both records' feeds that they are one person (<see cref="CrmActivityType.SamePersonAsClient"/>), each naming
    /// the other, in the conversation's language; once, should a lost race make the write run again.
    /// </summary>
    private async ValueTask NoteSamePersonAsync(Conversation conversation, CrmRecord lead, CrmRecord client, CancellationToken cancellationToken)
    {
        foreach (var (record, other, text) in new[] { (lead, client, SystemText.LeadIsExistingClient), (client, lead, SystemText.ExistingClientHadLead) })
        {
            var entry = string.Format(
                CultureInfo.InvariantCulture, _locales.Text(conversation.Workspace, conversation.Channel, text), other.Name, other.Id, conversation.Number);
            var feed = await _crm.ListActivitiesAsync(conversation.Workspace, record.Id, CrmActivityType.SamePersonAsClient, cancellationToken).ConfigureAwait(false);
            if (feed.Any(a => a.Text == entry))
            {
                continue;
            }

            await _crm.AddActivityAsync(conversation.Workspace, new CrmActivity
            {
                RecordId = record.Id,
                Type = CrmActivityType.SamePersonAsClient,
                OccurredAt = _time.GetUtcNow(),
                Text = entry,
                ContactName = record.Name,
                TranscriptReference = TranscriptReference(conversation),
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<CrmRecord?> FindInCrmAsync(WorkspaceId workspace, IReadOnlyList<LinkedIdentifier> links, CancellationToken cancellationToken)
    {
        foreach (var link in links.Where(l => !l.Blocked))
        {
            var found = await HoldersAsync(workspace, link.Identifier, cancellationToken).ConfigureAwait(false);

            // Only an unambiguous record is trusted: a value on several CRM records is as shared as it gets.
            if (found.Count == 1)
            {
                return found[0];
            }
        }

        return null;
    }

    /// <summary>
    /// The CRM records holding an e-mail or phone. An e-mail is asked in the matching form (domain in IDNA), then, should
    /// that find nothing and the domain be internationalized, in its Unicode form, as a CRM that stores what people typed
    /// holds it (<c>bücher.example</c> for <c>xn--bcher-kva.example</c>).
    /// </summary>
    private async ValueTask<IReadOnlyList<CrmRecord>> HoldersAsync(WorkspaceId workspace, ContactIdentifier identifier, CancellationToken cancellationToken)
    {
        switch (identifier.Kind)
        {
            case IdentifierKind.Email:
                var found = await _crm.FindByEmailAsync(workspace, identifier.Value, cancellationToken).ConfigureAwait(false);
                return found.Count == 0 && LiveChat.Core.Email.EmailAddress.UnicodeForm(identifier.Value) is { } unicode
                    ? await _crm.FindByEmailAsync(workspace, unicode, cancellationToken).ConfigureAwait(false)
                    : found;
            case IdentifierKind.Phone:
                return await _crm.FindByPhoneAsync(workspace, identifier.Value, cancellationToken).ConfigureAwait(false);
            default:
                return [];
        }
    }

    /// <summary>Whether no CRM record but <paramref name="record"/> holds the value, so it may be written there.</summary>
    private async ValueTask<bool> HeldOnlyByAsync(WorkspaceId workspace, ContactIdentifier identifier, CrmRecordId record, CancellationToken cancellationToken)
        => (await HoldersAsync(workspace, identifier, cancellationToken).ConfigureAwait(false)).All(r => r.Id == record);

    /// <summary>
    /// An automatic merge left the absorbed contact's lead with nobody behind it: both feeds say they are one person, as
    /// when a channel lead turns out to be a client (<see cref="NoteSamePersonAsync"/>). Only a lead is noted; a person
    /// or organization the CRM holds is the CRM's own business.
    /// </summary>
    private async ValueTask NoteMergedLeadAsync(Conversation conversation, CrmRecordId absorbed, CrmRecordId kept, CancellationToken cancellationToken)
    {
        if (await _crm.FindAsync(conversation.Workspace, absorbed, cancellationToken).ConfigureAwait(false) is { Kind: CrmRecordKind.Lead } lead
            && await _crm.FindAsync(conversation.Workspace, kept, cancellationToken).ConfigureAwait(false) is { } other)
        {
            await NoteSamePersonAsync(conversation, lead, other, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Fills what the record lacks (feature I3); a value already there is never overwritten by chat tracking, and a
    /// differing one comes back as a proposed change for someone to decide.
    /// </summary>
    private async ValueTask<IReadOnlyList<ProposedFieldChange>> EnrichCrmRecordAsync(
        WorkspaceId workspace, CrmRecord record, IReadOnlyList<LinkedIdentifier> links, CancellationToken cancellationToken)
    {
        var email = links.FirstOrDefault(l => l.Identifier.Kind == IdentifierKind.Email && !l.Blocked)?.Identifier;
        var phone = links.FirstOrDefault(l => l.Identifier.Kind == IdentifierKind.Phone && !l.Blocked)?.Identifier;
        var proposed = new List<ProposedFieldChange>();
        if (email is not null && record.Email is { } currentEmail && !string.Equals(currentEmail.Trim(), email.Value, StringComparison.OrdinalIgnoreCase))
        {
            proposed.Add(new ProposedFieldChange("email", currentEmail, email.Raw.Trim()));
        }

        if (phone is not null && record.Phone is { } currentPhone && !string.Equals(currentPhone, phone.Value, StringComparison.Ordinal))
        {
            proposed.Add(new ProposedFieldChange("phone", currentPhone, phone.Value));
        }

        // A value another record holds is never copied: that would be the second record with one e-mail seed 001 forbids.
        var missingEmail = record.Email is null && email is not null && await HeldOnlyByAsync(workspace, email, record.Id, cancellationToken).ConfigureAwait(false)
            ? ChatRecords.Email(links)
            : null;
        var missingPhone = record.Phone is null && phone is not null && await HeldOnlyByAsync(workspace, phone, record.Id, cancellationToken).ConfigureAwait(false)
            ? phone.Value
            : null;
        if (missingEmail is not null || missingPhone is not null)
        {
            await _crm.UpdateContactDetailsAsync(workspace, record.Id, missingEmail, missingPhone, cancellationToken).ConfigureAwait(false);
        }

        return proposed;
    }

    /// <summary>
    /// Whether <paramref name="link"/> may be looked up in the CRM for the plan's target: not blocked, and held by no
    /// other contact of the graph (a value another contact holds was decided, or refused, by the plan). Call under the book's gate.
    /// </summary>
    private static bool MayLookUpForTarget(IdentityBook book, IdentityPlan plan, LinkedIdentifier link)
        => !link.Blocked && book.Owners(link.Identifier.Key).All(owner => owner == plan.Target);
}
