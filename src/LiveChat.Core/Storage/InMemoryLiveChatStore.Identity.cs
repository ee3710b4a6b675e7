using System.Collections.Concurrent;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Storage;

/// <content>The identity log (features I1–I6, X9).</content>
public sealed partial class InMemoryLiveChatStore : IIdentityLogStore
{
    private readonly ConcurrentDictionary<WorkspaceId, List<IdentityEvent>> _identityLogs = new();

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<IdentityEvent>> ReadIdentityEventsAsync(WorkspaceId workspace, long afterSequence, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        if (!_identityLogs.TryGetValue(workspace, out var log))
        {
            return ValueTask.FromResult<IReadOnlyList<IdentityEvent>>([]);
        }

        lock (log)
        {
            var start = (int)Math.Min(afterSequence, log.Count);
            return ValueTask.FromResult<IReadOnlyList<IdentityEvent>>(start == log.Count ? [] : log.GetRange(start, log.Count - start));
        }
    }

    /// <inheritdoc />
    public ValueTask AppendIdentityEventsAsync(
        WorkspaceId workspace, IReadOnlyList<IdentityEvent> entries, IReadOnlyList<IdentityEvent> redactions, CancellationToken cancellationToken = default)
    {
        var log = _identityLogs.GetOrAdd(workspace, static _ => []);
        lock (log)
        {
            IdentityLogRules.CheckAppend(workspace, log.Count, entries, redactions);
            log.AddRange(entries);
            foreach (var redaction in redactions)
            {
                log[(int)redaction.Sequence - 1] = redaction;
            }
        }

        return ValueTask.CompletedTask;
    }
}
