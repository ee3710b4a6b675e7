using System.Collections.Concurrent;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Playbooks;

/// <summary>The embedded <see cref="IPlaybookRunStore"/>: a concurrent dictionary in process memory. Thread-safe.</summary>
public sealed class InMemoryPlaybookRunStore : IPlaybookRunStore
{
    private readonly ConcurrentDictionary<(WorkspaceId, ConversationId), PlaybookRun> _runs = new();

    /// <summary>How many runs are held.</summary>
    public int Count => _runs.Count;

    /// <inheritdoc/>
    public ValueTask<PlaybookRun?> FindAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_runs.TryGetValue((workspace, conversationId), out var run) ? run : null);

    /// <inheritdoc/>
    public ValueTask<bool> TryReplaceAsync(
        WorkspaceId workspace, ConversationId conversationId, PlaybookRun? expected, PlaybookRun replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var key = (workspace, conversationId);
        return ValueTask.FromResult(expected is null ? _runs.TryAdd(key, replacement) : _runs.TryUpdate(key, replacement, expected));
    }
}
