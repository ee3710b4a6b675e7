using System.Collections.Immutable;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Internal;

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
            unknown = [.. plan.Links.Where(l => !l.Blocked && book.Owners(l.Identifier.Key).All(owner => owner == plan.Target))];
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

    private async ValueTask<CrmRecord?> FindInCrmAsync(WorkspaceId workspace, IReadOnlyList<LinkedIdentifier> links, CancellationToken cancellationToken)
    {
        foreach (var link in links.Where(l => !l.Blocked))
        {
            var found = link.Identifier.Kind switch
            {
                IdentifierKind.Email => await _crm.FindByEmailAsync(workspace, link.Identifier.Value, cancellationToken).ConfigureAwait(false),
                IdentifierKind.Phone => await _crm.FindByPhoneAsync(workspace, link.Identifier.Value, cancellationToken).ConfigureAwait(false),
                _ => [],
            };

            // Only an unambiguous record is trusted: a value on several CRM records is as shared as it gets.
            if (found.Count == 1)
            {
                return found[0];
            }
        }

        return null;
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

        var missingEmail = record.Email is null ? ChatRecords.Email(links) : null;
        var missingPhone = record.Phone is null ? phone?.Value : null;
        if (missingEmail is not null || missingPhone is not null)
        {
            await _crm.UpdateContactDetailsAsync(workspace, record.Id, missingEmail, missingPhone, cancellationToken).ConfigureAwait(false);
        }

        return proposed;
    }
}
