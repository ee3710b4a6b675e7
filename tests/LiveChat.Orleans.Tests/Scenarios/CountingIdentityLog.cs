using LiveChat.Core;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>The shared identity log, counting the appends it refused because another writer appended first.</summary>
internal sealed class CountingIdentityLog(IIdentityLogStore inner) : IIdentityLogStore
{
    private int _conflicts;

    /// <summary>Appends refused with <see cref="IdentityLogConflictException"/>: races a writer lost and had to decide again.</summary>
    public int Conflicts => Volatile.Read(ref _conflicts);

    public ValueTask<IReadOnlyList<IdentityEvent>> ReadIdentityEventsAsync(WorkspaceId workspace, long afterSequence, CancellationToken cancellationToken = default)
        => inner.ReadIdentityEventsAsync(workspace, afterSequence, cancellationToken);

    public async ValueTask AppendIdentityEventsAsync(
        WorkspaceId workspace, IReadOnlyList<IdentityEvent> entries, IReadOnlyList<IdentityEvent> redactions, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.AppendIdentityEventsAsync(workspace, entries, redactions, cancellationToken);
        }
        catch (IdentityLogConflictException)
        {
            Interlocked.Increment(ref _conflicts);
            throw;
        }
    }
}
