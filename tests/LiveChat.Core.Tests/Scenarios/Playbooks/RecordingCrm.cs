using System.Collections.Concurrent;
using LiveChat.Core.Crm;
using LiveChat.Core.Testing;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>The in-memory CRM, recording every record created through it, so a scenario can tell that no other record was made.</summary>
public sealed class RecordingCrm(TimeProvider time) : DelegatingCrmGateway(new InMemoryCrm(time))
{
    /// <summary>Every record created, in order, including ones erased since.</summary>
    public ConcurrentQueue<CrmRecord> Created { get; } = new();

    public override async ValueTask<CrmRecord> CreateAsync(WorkspaceId workspace, CrmRecordDraft draft, CancellationToken cancellationToken = default)
    {
        var record = await base.CreateAsync(workspace, draft, cancellationToken);
        Created.Enqueue(record);
        return record;
    }
}
