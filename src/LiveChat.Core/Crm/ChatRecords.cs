using System.Globalization;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Internal;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Crm;

/// <summary>
/// The one way the SDK files a record from a conversation, whoever asks (chat tracking, an agent's "Create lead", a
/// playbook's follow-up): who owns it, what it says about where it came from, and the feed entry that says so.
/// </summary>
internal static class ChatRecords
{
    /// <summary>
    /// Who a new lead goes to (features C7, I4, I7): a distribution group the caller names (a playbook action), else the
    /// workspace's <see cref="IdentitySettings.LeadOwner"/>, else its <see cref="IdentitySettings.LeadDistributionGroup"/>,
    /// else the agent, if any.
    /// </summary>
    public static CrmRecordDraft Lead(IdentitySettings settings, string name, string? email, string? phone, AgentId? agent, string? distributionGroup = null)
    {
        var group = distributionGroup ?? (settings.LeadOwner is null ? settings.LeadDistributionGroup : null);
        return new CrmRecordDraft
        {
            Kind = CrmRecordKind.Lead,
            Name = name,
            Email = email,
            Phone = phone,
            Owner = group is null ? settings.LeadOwner ?? agent : null,
            DistributionGroup = group,
        };
    }

    /// <summary>
    /// The first usable e-mail address among <paramref name="links"/>, in the form it is sent to: as the client typed
    /// it, with its domain in IDNA form (issue 12), or the matching key where the typed text no longer passes the check.
    /// </summary>
    public static string? Email(IEnumerable<LinkedIdentifier>? links)
        => links?.FirstOrDefault(l => l.Identifier.Kind == IdentifierKind.Email && !l.Blocked) is { } link
            ? (LiveChat.Core.Email.EmailAddress.Check(link.Identifier.Raw.Trim(), out var address) is null ? address : link.Identifier.Value)
            : null;

    /// <summary>The first usable phone number among <paramref name="links"/>, in E.164.</summary>
    public static string? Phone(IEnumerable<LinkedIdentifier>? links)
        => links?.FirstOrDefault(l => l.Identifier.Kind == IdentifierKind.Phone && !l.Blocked)?.Identifier.Value;

    /// <summary>
    /// Creates the record with the conversation as its origin and adds the "added from chat" entry to its feed (seed 001),
    /// worded by the one text catalogue in the conversation's language, like the transcript copied to the CRM (E5, C9).
    /// Should the entry fail, the record is erased again, so nothing is left half-made.
    /// </summary>
    public static async ValueTask<CrmRecord> CreateAsync(
        ICrmGateway crm, WorkspaceLocales locales, Conversation conversation, CrmRecordDraft draft, AgentId? createdBy, CancellationToken cancellationToken)
    {
        var origin = new CrmRecordOrigin(conversation.Channel, conversation.Id, conversation.Number);
        var record = await crm.CreateAsync(conversation.Workspace, draft with { Origin = origin }, cancellationToken).ConfigureAwait(false);
        try
        {
            await crm.AddActivityAsync(conversation.Workspace, new CrmActivity
            {
                RecordId = record.Id,
                Type = CrmActivityType.AddedFromChat,
                OccurredAt = record.CreatedAt,
                Text = string.Format(
                    CultureInfo.InvariantCulture, locales.Text(conversation.Workspace, conversation.Channel, SystemText.AddedFromChat), conversation.Number, conversation.Channel),
                AgentId = createdBy,
                ContactName = record.Name,
                TranscriptReference = IdentityService.TranscriptReference(conversation),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await crm.EraseAsync(conversation.Workspace, record.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return record;
    }
}
