using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Storage;

/// <summary>
/// Runs, in this process, the due work of the store that any process armed (features R7, E3, E4, P7; X7): the offer
/// expiry, the unread-reply e-mail and the timed forms. Each process arms its own timers for what it schedules and runs
/// them on time; a sweep is the backstop for items whose process died before they came due, so a cluster calls it on a
/// durable schedule (LiveChat.Orleans: an Orleans reminder). A single process never needs it.
/// </summary>
/// <remarks>
/// Every item goes through <see cref="IDueWorkStore.TryCompleteAsync"/>, as a timer's does: of a sweep and the timers of
/// any number of processes trying the same item, exactly one carries it out. The routing kinds (offer expiry, presence
/// grace), whose work only makes a router look again and may run twice, are completed after their work succeeds, so one
/// that fails (a call to a server that has just died) stays due for the next sweep; the others are completed first and
/// run once. An item that fails is logged and the sweep goes on with the next. Items of a kind no service of this engine
/// handles are left alone. Thread-safe; resolve it from the engine's service provider.
/// </remarks>
public sealed class DueWorkSweep
{
    /// <summary>The most items one sweep runs; more wait for the next sweep.</summary>
    public const int MaxItemsPerSweep = 1_000;

    private readonly IDueWorkStore _store;
    private readonly IReadOnlyList<IDueWorkOwner> _owners;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal DueWorkSweep(IDueWorkStore store, IEnumerable<IDueWorkOwner> owners, TimeProvider time, ILogger<DueWorkSweep> logger)
    {
        _store = store;
        _owners = [.. owners];
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Runs the items of <paramref name="partition"/> (<c>default</c>: the whole store) due by now on the engine's clock
    /// (at most <see cref="MaxItemsPerSweep"/>, earliest first) that no one has completed yet. Several sweeps may share
    /// the store (X7: a due-work grain per partition), each asking the store only for its slice.
    /// </summary>
    /// <returns>How many items this call carried out. An item whose work failed is not counted: it is logged, and the sweep goes on.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; items run so far stay done.</exception>
    /// <exception cref="EngineStoppedException">The engine was disposed meanwhile; items run so far stay done, the rest stay due.</exception>
    public async ValueTask<int> RunDueAsync(DueWorkPartition partition = default, CancellationToken cancellationToken = default)
    {
        var due = await _store.ListDueAsync(_time.GetUtcNow(), MaxItemsPerSweep, partition, cancellationToken).ConfigureAwait(false);
        var ran = 0;
        foreach (var item in due)
        {
            if (_owners.FirstOrDefault(o => o.DueWork.Handles(item.Kind)) is not { } owner)
            {
                continue;
            }

            try
            {
                if (await owner.DueWork.TryRunAsync(item, cancellationToken).ConfigureAwait(false))
                {
                    ran++;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not EngineStoppedException)
            {
                // One item's failure (a dead server, a store timing out) must not hold back the items after it.
                Log.DueWorkFailed(_logger, ex, item.Kind, item.Subject, item.Workspace);
            }
        }

        return ran;
    }

    /// <summary>
    /// What a timer that <see cref="IConversationTimers"/> armed does when it fires: hands the conversation's item of
    /// <paramref name="kind"/> to the scheduler of the service that owns the kind (see
    /// <see cref="DueWorkScheduler.RunArmedAsync"/>). Returns <see langword="false"/> when no service of this engine handles it.
    /// </summary>
    internal async Task<bool> RunArmedAsync(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind, CancellationToken cancellationToken)
    {
        if (_owners.FirstOrDefault(o => o.DueWork.Handles(kind)) is not { } owner)
        {
            return false;
        }

        await owner.DueWork.RunArmedAsync(workspace, conversationId, kind, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
