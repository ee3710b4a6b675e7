using LiveChat.Core.Agents;

namespace LiveChat.Core.Crm;

/// <summary>
/// The CRM port (feature I7): what chat tracking and agents need from a CRM. <see cref="InMemoryCrm"/> is the embedded
/// default; a host plugs its CRM in by implementing this and registering it before <c>AddLiveChat</c>.
/// </summary>
/// <remarks>Implementations must be thread-safe and scope everything to the workspace.</remarks>
public interface ICrmGateway
{
    /// <summary>The record with this id, or <see langword="null"/>.</summary>
    ValueTask<CrmRecord?> FindAsync(WorkspaceId workspace, CrmRecordId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leads and persons with this e-mail address (compared trimmed and case-insensitively), oldest first. The SDK asks
    /// with an internationalized domain in IDNA form (<c>xn--bcher-kva.example</c>) and, when that finds nothing, again in
    /// Unicode (<c>bücher.example</c>), so a CRM that compares the text as stored finds either.
    /// </summary>
    ValueTask<IReadOnlyList<CrmRecord>> FindByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken = default);

    /// <summary>Leads and persons with this phone number in E.164, oldest first.</summary>
    ValueTask<IReadOnlyList<CrmRecord>> FindByPhoneAsync(WorkspaceId workspace, string e164, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a lead, person, organization or deal, assigned to the owner or the group's next member, keeping
    /// <see cref="CrmRecordDraft.Origin"/> so that the record says which conversation it was added from (seed 001).
    /// </summary>
    ValueTask<CrmRecord> CreateAsync(WorkspaceId workspace, CrmRecordDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Adds or edits the e-mail and phone of a lead or person; a <see langword="null"/> argument keeps the value.</summary>
    /// <exception cref="CrmRecordNotFoundException">No such record.</exception>
    ValueTask<CrmRecord> UpdateContactDetailsAsync(WorkspaceId workspace, CrmRecordId id, string? email, string? phone, CancellationToken cancellationToken = default);

    /// <summary>
    /// Names a lead or person that has no real name yet (feature I3): chat tracking calls it only while the record holds
    /// the widget's default visitor name, never to overwrite a real one.
    /// </summary>
    /// <exception cref="CrmRecordNotFoundException">No such record.</exception>
    /// <exception cref="ArgumentException">The name is empty or white space.</exception>
    ValueTask<CrmRecord> UpdateNameAsync(WorkspaceId workspace, CrmRecordId id, string name, CancellationToken cancellationToken = default);

    /// <summary>Adds an entry to the record's activity feed: a chat, a note or an owner notification.</summary>
    /// <exception cref="CrmRecordNotFoundException">No such record.</exception>
    ValueTask<CrmActivity> AddActivityAsync(WorkspaceId workspace, CrmActivity activity, CancellationToken cancellationToken = default);

    /// <summary>The record's activity feed, oldest first, optionally of one type only.</summary>
    ValueTask<IReadOnlyList<CrmActivity>> ListActivitiesAsync(WorkspaceId workspace, CrmRecordId id, CrmActivityType? type = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record and its activity feed, for a privacy request (feature X9); nothing happens when it is gone.</summary>
    ValueTask EraseAsync(WorkspaceId workspace, CrmRecordId id, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="members"/> the distribution group <paramref name="group"/>; new records go to them in turn.</summary>
    ValueTask SetDistributionGroupAsync(WorkspaceId workspace, string group, IReadOnlyList<AgentId> members, CancellationToken cancellationToken = default);
}
