using System.Collections.Concurrent;
using LiveChat.Core.Agents;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>The in-memory CRM, recording every record created through it, so a scenario can tell that no other record was made.</summary>
public sealed class RecordingCrm(TimeProvider time) : ICrmGateway
{
    private readonly InMemoryCrm _inner = new(time);

    /// <summary>Every record created, in order, including ones erased since.</summary>
    public ConcurrentQueue<CrmRecord> Created { get; } = new();

    public async ValueTask<CrmRecord> CreateAsync(WorkspaceId workspace, CrmRecordDraft draft, CancellationToken cancellationToken = default)
    {
        var record = await _inner.CreateAsync(workspace, draft, cancellationToken);
        Created.Enqueue(record);
        return record;
    }

    public ValueTask<CrmRecord?> FindAsync(WorkspaceId workspace, CrmRecordId id, CancellationToken cancellationToken = default)
        => _inner.FindAsync(workspace, id, cancellationToken);

    public ValueTask<IReadOnlyList<CrmRecord>> FindByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken = default)
        => _inner.FindByEmailAsync(workspace, email, cancellationToken);

    public ValueTask<IReadOnlyList<CrmRecord>> FindByPhoneAsync(WorkspaceId workspace, string e164, CancellationToken cancellationToken = default)
        => _inner.FindByPhoneAsync(workspace, e164, cancellationToken);

    public ValueTask<CrmRecord> UpdateContactDetailsAsync(WorkspaceId workspace, CrmRecordId id, string? email, string? phone, CancellationToken cancellationToken = default)
        => _inner.UpdateContactDetailsAsync(workspace, id, email, phone, cancellationToken);

    public ValueTask<CrmRecord> UpdateNameAsync(WorkspaceId workspace, CrmRecordId id, string name, CancellationToken cancellationToken = default)
        => _inner.UpdateNameAsync(workspace, id, name, cancellationToken);

    public ValueTask<CrmActivity> AddActivityAsync(WorkspaceId workspace, CrmActivity activity, CancellationToken cancellationToken = default)
        => _inner.AddActivityAsync(workspace, activity, cancellationToken);

    public ValueTask<IReadOnlyList<CrmActivity>> ListActivitiesAsync(WorkspaceId workspace, CrmRecordId id, CrmActivityType? type = null, CancellationToken cancellationToken = default)
        => _inner.ListActivitiesAsync(workspace, id, type, cancellationToken);

    public ValueTask EraseAsync(WorkspaceId workspace, CrmRecordId id, CancellationToken cancellationToken = default)
        => _inner.EraseAsync(workspace, id, cancellationToken);

    public ValueTask SetDistributionGroupAsync(WorkspaceId workspace, string group, IReadOnlyList<AgentId> members, CancellationToken cancellationToken = default)
        => _inner.SetDistributionGroupAsync(workspace, group, members, cancellationToken);
}
