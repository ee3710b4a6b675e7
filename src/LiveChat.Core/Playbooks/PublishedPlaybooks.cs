using System.Collections.Concurrent;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// This process's view of the published playbooks, backed by the <see cref="IPlaybookStore"/>: each version is loaded
/// and compiled into its one state machine on first use and kept (a published version never changes); the workspace's
/// active playbook is read again once older than <see cref="LiveChatOptions.WorkspaceCacheDuration"/>, so a publication by
/// another process is used here within that time. Thread-safe.
/// </summary>
internal sealed class PublishedPlaybooks(IPlaybookStore store, TextCatalog texts, TimeProvider time, TimeSpan cacheDuration)
{
    private readonly ConcurrentDictionary<(WorkspaceId, string, int), PlaybookMachine> _versions = new();
    private readonly ConcurrentDictionary<WorkspaceId, Active> _active = new();

    /// <summary>
    /// The embedded store, when it is this engine's: every publication to it, through any engine of the process, moves
    /// its count, so a read that found no playbook is known to hold while the count stands. <see langword="null"/> for a
    /// store other processes may write (SQLite, PostgreSQL, a host's): there, another process may publish and start runs
    /// unseen, so no read here proves a conversation has no run.
    /// </summary>
    private readonly InMemoryPlaybookStore? _local = store as InMemoryPlaybookStore;

    /// <summary>How many state machines exist: one per playbook version used, however many conversations run.</summary>
    public int CompiledMachines => _versions.Count;

    /// <summary>Stores the checked playbook as the workspace's active one.</summary>
    /// <exception cref="PlaybookVersionConflictException">This version, or a newer one, of the same playbook is already published.</exception>
    public async ValueTask<PlaybookMachine> PublishAsync(WorkspaceId workspace, Playbook playbook, CancellationToken cancellationToken)
    {
        var machine = new PlaybookMachine(playbook, texts);
        var latest = await store.PublishAsync(workspace, playbook, cancellationToken).ConfigureAwait(false);
        if (playbook.Version <= latest)
        {
            throw new PlaybookVersionConflictException(playbook.Id, playbook.Version, latest);
        }

        _versions[(workspace, playbook.Id, playbook.Version)] = machine;
        _active[workspace] = new Active(machine, time.GetUtcNow(), _local?.Publications ?? 0);
        return machine;
    }

    /// <summary>The machine of the workspace's active playbook, or <see langword="null"/> before the first publication.</summary>
    public async ValueTask<PlaybookMachine?> ActiveAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_active.TryGetValue(workspace, out var cached) && now - cached.LoadedAt < cacheDuration)
        {
            return cached.Machine;
        }

        // Counted before the read: a publication racing it moves the count, and the read proves nothing then.
        var publications = _local?.Publications ?? 0;
        var playbook = await store.FindActiveAsync(workspace, cancellationToken).ConfigureAwait(false);
        var machine = playbook is null ? null : Compiled(workspace, playbook);
        _active[workspace] = new Active(machine, now, publications);
        return machine;
    }

    /// <summary>
    /// Whether the workspace is known to have no playbook published: it had none when last read, less than the cache
    /// duration ago, from the embedded store, which has taken no publication since. Then none of its conversations has a
    /// run or a timed card (a playbook is never unpublished). Always <see langword="false"/> over a store other processes
    /// may write: one of them may have published and started a run since, and skipping the bot would drop the visitor's
    /// answer. A lookup; never reads the store.
    /// </summary>
    public bool KnownToHaveNone(WorkspaceId workspace) => KnownToHaveNone(workspace, time.GetUtcNow());

    /// <summary>
    /// The same, as of <paramref name="at"/>, an instant the caller read from the engine's clock anyway (a message's time),
    /// so the hot path reads the clock once.
    /// </summary>
    public bool KnownToHaveNone(WorkspaceId workspace, DateTimeOffset at)
        => _local is { } local && _active.TryGetValue(workspace, out var cached) && cached.Machine is null && at - cached.LoadedAt < cacheDuration
            && cached.Publications == local.Publications;

    /// <summary>The machine of a published version, or <see langword="null"/> when it was never published.</summary>
    public async ValueTask<PlaybookMachine?> VersionAsync(WorkspaceId workspace, string playbookId, int version, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue((workspace, playbookId, version), out var machine))
        {
            return machine;
        }

        var playbook = await store.FindVersionAsync(workspace, playbookId, version, cancellationToken).ConfigureAwait(false);
        return playbook is null ? null : Compiled(workspace, playbook);
    }

    /// <summary>The version a run started on, else the active playbook.</summary>
    public async ValueTask<PlaybookMachine?> OfAsync(WorkspaceId workspace, PlaybookRun? run, CancellationToken cancellationToken)
        => run is not null
            ? await VersionAsync(workspace, run.PlaybookId, run.Version, cancellationToken).ConfigureAwait(false)
            : await ActiveAsync(workspace, cancellationToken).ConfigureAwait(false);

    private PlaybookMachine Compiled(WorkspaceId workspace, Playbook playbook)
        => _versions.GetOrAdd((workspace, playbook.Id, playbook.Version), static (_, state) => new PlaybookMachine(state.playbook, state.texts), (playbook, texts));

    /// <summary>A read of the workspace's active playbook; <paramref name="Publications"/> is the embedded store's count before it.</summary>
    private sealed record Active(PlaybookMachine? Machine, DateTimeOffset LoadedAt, long Publications);
}
