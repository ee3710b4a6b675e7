using LiveChat.Core.Crm;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Identity;

/// <content>The CRM side of chat tracking: finding the client's record and filling what it lacks (features I2, I3).</content>
public sealed partial class IdentityService
{
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
