using System.Collections.Concurrent;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LiveChat.Orleans;

/// <summary>
/// A silo's <see cref="IConversationTimers"/> (features P7, E3, E4, X7): arms a conversation's due work on its
/// conversation grain (<see cref="IConversationGrain.ArmDueWorkAsync"/>), which owns it wherever it is active. The call
/// is sent at once and awaited as the engine's tracked background work, never by the caller: the arming command may be
/// one of the conversation's own, running in that grain, and the call waits for that command's turn to end. The
/// engine's graceful stop, and a test that settles, wait for it. Calls are not ordered (a first call waits for the
/// grain's placement): an arm that lands after a later one, or a disarm before its arm, leaves a timer that finds the
/// store's item moved or gone when it fires, and arms it again or does nothing. Thread-safe.
/// </summary>
/// <remarks>
/// Remembers, until each comes due, what this silo armed, so that <see cref="IsArmed"/> answers without a call (the
/// reply mailer asks for every agent message). Like a process's own timers, it does not hear of a disarm made by another
/// silo: it then takes the item for armed until its instant, and the grain's timer finds it cancelled in the store. A
/// call that fails (the grain's silo died) leaves the item to the due-work sweep.
/// </remarks>
internal sealed class GrainConversationTimers(IGrainFactory grains, BackgroundWork work, ILogger<GrainConversationTimers> logger) : IConversationTimers
{
    /// <summary>How many arms between two passes that forget the items come due.</summary>
    private const int PruneEvery = 1024;

    private readonly ConcurrentDictionary<(WorkspaceId, ConversationId, DueWorkKind), DateTimeOffset> _armed = new();
    private int _arms;

    /// <inheritdoc />
    public void Arm(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind, DateTimeOffset dueAt, bool replace)
    {
        var key = (workspace, conversationId, kind);
        if (!replace && IsArmed(workspace, conversationId, kind))
        {
            return;
        }

        _armed[key] = dueAt;
        if (Interlocked.Increment(ref _arms) % PruneEvery == 0)
        {
            Prune();
        }

        Send(workspace, conversationId, kind, grain => grain.ArmDueWorkAsync(kind, dueAt, replace));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Tells the grain only when this silo armed the item and it is not due yet: a timer another silo armed finds the
    /// item cancelled in the store when it fires, and a grain not active is not activated for nothing (an erasure
    /// disarms every conversation it touches).
    /// </remarks>
    public bool Disarm(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind)
    {
        if (!_armed.TryRemove((workspace, conversationId, kind), out var dueAt) || dueAt <= work.Time.GetUtcNow())
        {
            return false;
        }

        Send(workspace, conversationId, kind, grain => grain.DisarmDueWorkAsync(kind));
        return true;
    }

    /// <inheritdoc />
    public bool IsArmed(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind)
        => _armed.TryGetValue((workspace, conversationId, kind), out var dueAt) && dueAt > work.Time.GetUtcNow();

    /// <inheritdoc />
    public int CountArmed(DueWorkKind kind)
    {
        var now = work.Time.GetUtcNow();
        return _armed.Count(a => a.Key.Item3 == kind && a.Value > now);
    }

    /// <summary>Sends the call now and tracks its answer; one that fails (the silo stops or dies) is logged, and the item left to the sweep.</summary>
    private void Send(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind, Func<IConversationGrain, Task> call)
    {
        Task sent;
        try
        {
            sent = call(ConversationGrainKey.Of(grains, workspace, conversationId));
        }
        catch (Exception ex)
        {
            sent = Task.FromException(ex);
        }

        work.Track(LoggedAsync(sent, kind, conversationId));
    }

    private async Task LoggedAsync(Task sent, DueWorkKind kind, ConversationId conversationId)
    {
        try
        {
            await sent.WaitAsync(work.Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (work.Stopping.IsCancellationRequested)
        {
            // The engine stops: the item is in the store.
        }
        catch (Exception ex)
        {
            Log.ConversationTimerNotSent(logger, ex, kind.ToString(), conversationId.Value);
        }
    }

    private void Prune()
    {
        var now = work.Time.GetUtcNow();
        foreach (var (key, dueAt) in _armed)
        {
            if (dueAt <= now)
            {
                _armed.TryRemove(new KeyValuePair<(WorkspaceId, ConversationId, DueWorkKind), DateTimeOffset>(key, dueAt));
            }
        }
    }
}
