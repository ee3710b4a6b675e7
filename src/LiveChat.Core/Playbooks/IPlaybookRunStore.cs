namespace LiveChat.Core.Playbooks;

/// <summary>
/// Where conversations keep their <see cref="PlaybookRun"/>. <see cref="InMemoryPlaybookRunStore"/> is the embedded
/// default; a host registers its own before <c>AddLiveChat</c> to keep runs across restarts.
/// </summary>
/// <remarks>Implementations must be thread-safe and compare-and-swap atomically.</remarks>
public interface IPlaybookRunStore
{
    /// <summary>The conversation's run, or <see langword="null"/> when the bot never started on it.</summary>
    ValueTask<PlaybookRun?> FindAsync(WorkspaceId workspace, Conversations.ConversationId conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="replacement"/> only if the stored run still equals <paramref name="expected"/>
    /// (<see langword="null"/>: there is none yet).
    /// </summary>
    /// <returns>Whether it was stored; <see langword="false"/> when another writer came first.</returns>
    ValueTask<bool> TryReplaceAsync(
        WorkspaceId workspace, Conversations.ConversationId conversationId, PlaybookRun? expected, PlaybookRun replacement, CancellationToken cancellationToken = default);
}
