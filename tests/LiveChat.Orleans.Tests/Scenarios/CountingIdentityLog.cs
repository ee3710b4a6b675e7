using LiveChat.Core;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// The shared identity log, counting the appends it refused because another writer appended first. Its reads yield the
/// thread before answering, as a database's round trip does, so writers in different silos interleave as in production.
/// </summary>
internal sealed class CountingIdentityLog(IIdentityLogStore inner) : IIdentityLogStore
{
    private int _conflicts;

    /// <summary>Appends refused with <see cref="IdentityLogConflictException"/>: races a writer lost and had to decide again.</summary>
    public int Conflicts => Volatile.Read(ref _conflicts);

    /// <summary>
    /// Reads as the shared store does, then yields the thread before answering, as a database's answer takes its time on
    /// the way back: what was read may be stale by the time the writer decides on it.
    /// </summary>
    public async ValueTask<IReadOnlyList<IdentityEvent>> ReadIdentityEventsAsync(WorkspaceId workspace, long afterSequence, CancellationToken cancellationToken = default)
    {
        var entries = await inner.ReadIdentityEventsAsync(workspace, afterSequence, cancellationToken);
        await Task.Yield();
        return entries;
    }

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
