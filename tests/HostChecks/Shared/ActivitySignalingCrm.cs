using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Crm;

namespace LiveChat.HostChecks.Shared;

/// <summary>
/// The host's CRM gateway as a host would wrap it: every call goes to <paramref name="inner"/>, and every activity added
/// wakes whoever waits for it. The transcript copy to the CRM follows a conversation's end off the caller's path, so a
/// host that wants to see it waits on this signal, not on the clock. Linked into each host-check project.
/// </summary>
public sealed class ActivitySignalingCrm(ICrmGateway inner) : ICrmGateway
{
    private readonly object _gate = new();
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The record's activities of <paramref name="type"/> once there are at least <paramref name="count"/>; what is there
    /// when <paramref name="deadline"/> (default 10 s) passes without a further activity.
    /// </summary>
    public async Task<IReadOnlyList<CrmActivity>> ActivitiesAsync(WorkspaceId workspace, CrmRecordId record, CrmActivityType type, int count, TimeSpan? deadline = null)
    {
        while (true)
        {
            Task added;
            lock (_gate)
            {
                added = _added.Task;
            }

            var feed = await inner.ListActivitiesAsync(workspace, record, type);
            if (feed.Count >= count)
            {
                return feed;
            }

            try
            {
                await added.WaitAsync(deadline ?? TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                return await inner.ListActivitiesAsync(workspace, record, type);
            }
        }
    }

    public async ValueTask<CrmActivity> AddActivityAsync(WorkspaceId workspace, CrmActivity activity, CancellationToken cancellationToken = default)
    {
        var added = await inner.AddActivityAsync(workspace, activity, cancellationToken);
        TaskCompletionSource wake;
        lock (_gate)
        {
            wake = _added;
            _added = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.SetResult();
        return added;
    }

    public ValueTask<CrmRecord?> FindAsync(WorkspaceId workspace, CrmRecordId id, CancellationToken cancellationToken = default)
        => inner.FindAsync(workspace, id, cancellationToken);

    public ValueTask<IReadOnlyList<CrmRecord>> FindByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken = default)
        => inner.FindByEmailAsync(workspace, email, cancellationToken);

    public ValueTask<IReadOnlyList<CrmRecord>> FindByPhoneAsync(WorkspaceId workspace, string e164, CancellationToken cancellationToken = default)
        => inner.FindByPhoneAsync(workspace, e164, cancellationToken);

    public ValueTask<CrmRecord> CreateAsync(WorkspaceId workspace, CrmRecordDraft draft, CancellationToken cancellationToken = default)
        => inner.CreateAsync(workspace, draft, cancellationToken);

    public ValueTask<CrmRecord> UpdateContactDetailsAsync(WorkspaceId workspace, CrmRecordId id, string? email, string? phone, CancellationToken cancellationToken = default)
        => inner.UpdateContactDetailsAsync(workspace, id, email, phone, cancellationToken);

    public ValueTask<CrmRecord> UpdateNameAsync(WorkspaceId workspace, CrmRecordId id, string name, CancellationToken cancellationToken = default)
        => inner.UpdateNameAsync(workspace, id, name, cancellationToken);

    public ValueTask<IReadOnlyList<CrmActivity>> ListActivitiesAsync(WorkspaceId workspace, CrmRecordId id, CrmActivityType? type = null, CancellationToken cancellationToken = default)
        => inner.ListActivitiesAsync(workspace, id, type, cancellationToken);

    public ValueTask EraseAsync(WorkspaceId workspace, CrmRecordId id, CancellationToken cancellationToken = default)
        => inner.EraseAsync(workspace, id, cancellationToken);

    public ValueTask SetDistributionGroupAsync(WorkspaceId workspace, string group, IReadOnlyList<AgentId> members, CancellationToken cancellationToken = default)
        => inner.SetDistributionGroupAsync(workspace, group, members, cancellationToken);
}
