using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Identity;

/// <summary>Everything held on a contact, for a privacy request (feature X9). Immutable.</summary>
/// <param name="Contact">The contact.</param>
/// <param name="AuditTrail">Every log entry concerning it.</param>
/// <param name="Transcripts">Its conversations, with every message.</param>
/// <param name="CrmRecord">Its CRM record, if any.</param>
/// <param name="Activities">The CRM record's activity feed.</param>
public sealed record ContactExport(
    Contact Contact,
    IReadOnlyList<IdentityEvent> AuditTrail,
    IReadOnlyList<Transcript> Transcripts,
    CrmRecord? CrmRecord,
    IReadOnlyList<CrmActivity> Activities);
