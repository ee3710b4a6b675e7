using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Internal;

/// <summary>
/// Due work kept in the <see cref="IDueWorkStore"/> and armed as <see cref="KeyedTimers{TKey}"/> on the engine's clock
/// (features P7, E3, E4): what is scheduled survives the process, and a process that starts re-arms what the store holds
/// (it is an <see cref="ILiveChatStartTask"/>). Every item's subject is a conversation: the timers are keyed by its
/// <see cref="ConversationId"/>, and its string form is written only to the store, so asking whether an item is armed
/// formats nothing.
/// </summary>
/// <remarks>
/// When a timer fires, the item is read again: one scheduled later meanwhile is re-armed for its new instant, one
/// cancelled is dropped, and a due one runs its kind's handler only if this process completed it in the store, so of
/// several processes (or a restarted one and its predecessor's leftovers) exactly one carries it out. Each owner (the bot,
/// the reply mailer) has its own scheduler for its own kinds; an item of another kind is left to its owner. Given
/// <see cref="IConversationTimers"/> (a cluster), what it schedules is armed there instead, on the conversation's grain;
/// the items a starting process recovers from the store are still armed on its own timers. Thread-safe.
/// </remarks>
internal sealed class DueWorkScheduler : ILiveChatStartTask
{
    /// <summary>The most items one start re-arms; more wait for the next start.</summary>
    private const int MaxRecovered = 100_000;

    private readonly IDueWorkStore _store;
    private readonly TimeProvider _time;
    private readonly KeyedTimers<(WorkspaceId Workspace, ConversationId Subject, DueWorkKind Kind)> _timers;
    private readonly IReadOnlyDictionary<DueWorkKind, Func<DueWork, CancellationToken, Task>> _handlers;
    private readonly IConversationTimers? _conversations;
    private readonly bool _rerunnable;

    /// <summary>The kinds a start re-arms here: those with a handler whose subject is a conversation.</summary>
    private readonly DueWorkKind[] _recovered;

    /// <param name="store">Where the items live.</param>
    /// <param name="work">The engine's background work, whose clock and timers run the items.</param>
    /// <param name="handlers">What an item of each kind this scheduler owns does when it comes due.</param>
    /// <param name="conversations">Where to arm what this scheduler schedules (its subjects are conversations), or <see langword="null"/> for its own timers.</param>
    /// <param name="rerunnable">
    /// Whether the handlers may run an item more than once (they only make a router look again): then an item is completed
    /// only after its handler succeeded, and one whose handler failed stays due, for the next sweep or start. Otherwise an
    /// item is completed first and its handler runs once, whatever happens to it.
    /// </param>
    public DueWorkScheduler(
        IDueWorkStore store,
        BackgroundWork work,
        IReadOnlyDictionary<DueWorkKind, Func<DueWork, CancellationToken, Task>> handlers,
        IConversationTimers? conversations = null,
        bool rerunnable = false)
    {
        _rerunnable = rerunnable;
        _store = store;
        _time = work.Time;
        _handlers = handlers;
        _recovered = [.. handlers.Keys.Where(k => k != DueWorkKind.PresenceGrace)];
        _conversations = conversations;
        _timers = work.CreateTimers<(WorkspaceId, ConversationId, DueWorkKind)>(FireAsync, "due work");
    }

    /// <summary>How many items this process armed that have not fired: on its own timers, and through <see cref="IConversationTimers"/> (counted one by one: for tests and diagnostics).</summary>
    public int Armed => _timers.Count + (_conversations is null ? 0 : _handlers.Keys.Sum(_conversations.CountArmed));

    /// <summary>How many items this process's own timers hold.</summary>
    public int ArmedHere => _timers.Count;

    /// <summary>Whether the key's item is armed by this process and has not fired yet: a timer disarms its key before its work runs.</summary>
    public bool IsArmed(WorkspaceId workspace, ConversationId subject, DueWorkKind kind)
        => _timers.IsArmed((workspace, subject, kind)) || _conversations?.IsArmed(workspace, subject, kind) == true;

    /// <summary>Disarms the key's item at once; <see cref="CancelAsync"/> also removes it from the store.</summary>
    public bool Disarm(WorkspaceId workspace, ConversationId subject, DueWorkKind kind)
        => _timers.Cancel((workspace, subject, kind)) | _conversations?.Disarm(workspace, subject, kind) == true;

    /// <summary>Schedules (or moves) the key's item to <paramref name="dueAt"/>, in the store, then arms it.</summary>
    public async ValueTask ScheduleAsync(WorkspaceId workspace, ConversationId subject, DueWorkKind kind, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var item = await _store.ScheduleAsync(new DueWork(workspace, subject.ToString(), kind, dueAt), cancellationToken).ConfigureAwait(false);
        Arm((workspace, subject, kind), item.DueAt, replace: true);
    }

    /// <summary>
    /// Schedules the key's item unless one is pending already, here or in the store (then it is armed here as stored);
    /// returns whether it scheduled one. A pending item armed here costs one lookup.
    /// </summary>
    public async ValueTask<bool> TryScheduleAsync(WorkspaceId workspace, ConversationId subject, DueWorkKind kind, TimeSpan delay, CancellationToken cancellationToken)
    {
        var key = (workspace, subject, kind);
        if (IsArmed(workspace, subject, kind))
        {
            return false;
        }

        if (await _store.FindAsync(workspace, subject.ToString(), kind, cancellationToken).ConfigureAwait(false) is { } pending)
        {
            Arm(key, pending.DueAt, replace: false);
            return false;
        }

        await ScheduleAsync(workspace, subject, kind, _time.GetUtcNow() + delay, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Cancels the key's item, here and in the store.</summary>
    public async ValueTask CancelAsync(WorkspaceId workspace, ConversationId subject, DueWorkKind kind, CancellationToken cancellationToken)
    {
        Disarm(workspace, subject, kind);
        await _store.CancelAsync(workspace, subject.ToString(), kind, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-arms every item of this scheduler's kinds the store holds whose subject is a conversation, those already due at
    /// once: the start task. It reads only those kinds. An agent's <see cref="DueWorkKind.PresenceGrace"/> has its
    /// router's own timers; a sweep or the router's load runs it.
    /// </summary>
    public async ValueTask RunAsync(CancellationToken cancellationToken)
        => Rearm(await _store.ListPendingAsync(_recovered, MaxRecovered, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Re-arms, of <paramref name="items"/> (the store's pending items, read by a start), those of this scheduler's kinds
    /// whose subject is a conversation, those already due at once: for an owner whose start read them already.
    /// </summary>
    public void Rearm(IEnumerable<DueWork> items)
    {
        foreach (var item in items.Where(i => _recovered.Contains(i.Kind)))
        {
            if (ConversationId.TryParse(item.Subject, null, out var subject))
            {
                _timers.TryArm((item.Workspace, subject, item.Kind), item.DueAt - _time.GetUtcNow());
            }
        }
    }

    /// <summary>Whether this scheduler's owner handles items of <paramref name="kind"/>.</summary>
    public bool Handles(DueWorkKind kind) => _handlers.ContainsKey(kind);

    /// <summary>
    /// Runs <paramref name="item"/> (as read from the store) if it is of a kind this scheduler handles, is due, and this
    /// call completed it in the store: of every process and timer that tries the same item, exactly one runs it. A
    /// rerunnable scheduler runs the handler first and completes the item after it succeeded, so a failure leaves the
    /// item due; a newer item of the same key (a generation scheduled meanwhile, say by the handler) stays.
    /// </summary>
    /// <returns>Whether this call ran it (rerunnable: ran and completed it).</returns>
    public async Task<bool> TryRunAsync(DueWork item, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(item.Kind, out var handler) || item.DueAt > _time.GetUtcNow())
        {
            return false;
        }

        if (_rerunnable)
        {
            await handler(item, cancellationToken).ConfigureAwait(false);
            return await _store.TryCompleteAsync(item, cancellationToken).ConfigureAwait(false);
        }

        if (!await _store.TryCompleteAsync(item, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await handler(item, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// What a timer armed for the key does when it fires, whoever holds it (this process, or a conversation's grain through
    /// <see cref="IConversationTimers"/>): reads the item again, arms it anew if it was moved later, and runs it if it is due
    /// and this call completes it in the store.
    /// </summary>
    public Task RunArmedAsync(WorkspaceId workspace, ConversationId subject, DueWorkKind kind, CancellationToken cancellationToken)
        => FireAsync((workspace, subject, kind), cancellationToken);

    private async Task FireAsync((WorkspaceId Workspace, ConversationId Subject, DueWorkKind Kind) key, CancellationToken cancellationToken)
    {
        var item = await _store.FindAsync(key.Workspace, key.Subject.ToString(), key.Kind, cancellationToken).ConfigureAwait(false);
        if (item is null || !Handles(item.Kind))
        {
            return;
        }

        if (item.DueAt > _time.GetUtcNow())
        {
            Arm(key, item.DueAt, replace: false);
            return;
        }

        await TryRunAsync(item, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Arms the key's timer for <paramref name="dueAt"/>, on the conversation's timers when given, else here: in place of
    /// one armed before with <paramref name="replace"/> (scheduled anew), else only if none is (read back from the store).
    /// </summary>
    private void Arm((WorkspaceId Workspace, ConversationId Subject, DueWorkKind Kind) key, DateTimeOffset dueAt, bool replace)
    {
        if (_conversations is null)
        {
            if (replace)
            {
                _timers.ArmAt(key, dueAt);
            }
            else
            {
                _timers.TryArm(key, dueAt - _time.GetUtcNow());
            }

            return;
        }

        // One timer per item: a recovered timer of this process gives way to the conversation's.
        _timers.Cancel(key);
        _conversations.Arm(key.Workspace, key.Subject, key.Kind, dueAt, replace);
    }
}
