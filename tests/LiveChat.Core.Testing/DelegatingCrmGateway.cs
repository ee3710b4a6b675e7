using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Testing;

/// <summary>
/// A CRM gateway that hands every call to <paramref name="inner"/>: a test's decorator derives from it and overrides
/// only the calls it records or slows down. Thread-safe as the inner gateway is.
/// </summary>
public abstract class DelegatingCrmGateway(ICrmGateway inner) : ICrmGateway
{
    public virtual ValueTask<CrmRecord?> FindAsync(WorkspaceId workspace, CrmRecordId id, CancellationToken cancellationToken = default)
        => inner.FindAsync(workspace, id, cancellationToken);

    public virtual ValueTask<IReadOnlyList<CrmRecord>> FindByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken = default)
        => inner.FindByEmailAsync(workspace, email, cancellationToken);

    public virtual ValueTask<IReadOnlyList<CrmRecord>> FindByPhoneAsync(WorkspaceId workspace, string e164, CancellationToken cancellationToken = default)
        => inner.FindByPhoneAsync(workspace, e164, cancellationToken);

    public virtual ValueTask<CrmRecord> CreateAsync(WorkspaceId workspace, CrmRecordDraft draft, CancellationToken cancellationToken = default)
        => inner.CreateAsync(workspace, draft, cancellationToken);

    public virtual ValueTask<CrmRecord> UpdateContactDetailsAsync(WorkspaceId workspace, CrmRecordId id, string? email, string? phone, CancellationToken cancellationToken = default)
        => inner.UpdateContactDetailsAsync(workspace, id, email, phone, cancellationToken);

    public virtual ValueTask<CrmRecord> UpdateNameAsync(WorkspaceId workspace, CrmRecordId id, string name, CancellationToken cancellationToken = default)
        => inner.UpdateNameAsync(workspace, id, name, cancellationToken);

    public virtual ValueTask<CrmActivity> AddActivityAsync(WorkspaceId workspace, CrmActivity activity, CancellationToken cancellationToken = default)
        => inner.AddActivityAsync(workspace, activity, cancellationToken);

    public virtual ValueTask<IReadOnlyList<CrmActivity>> ListActivitiesAsync(WorkspaceId workspace, CrmRecordId id, CrmActivityType? type = null, CancellationToken cancellationToken = default)
        => inner.ListActivitiesAsync(workspace, id, type, cancellationToken);

    public virtual ValueTask EraseAsync(WorkspaceId workspace, CrmRecordId id, CancellationToken cancellationToken = default)
        => inner.EraseAsync(workspace, id, cancellationToken);

    public virtual ValueTask SetDistributionGroupAsync(WorkspaceId workspace, string group, IReadOnlyList<AgentId> members, CancellationToken cancellationToken = default)
        => inner.SetDistributionGroupAsync(workspace, group, members, cancellationToken);
}
