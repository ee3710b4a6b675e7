using LiveChat.Core.Agents;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Conversations;

/// <summary>The agent inbox: the Unassigned, Mine and Ended folders, paged (feature C5). Thread-safe.</summary>
public sealed class InboxService
{
    private readonly ConversationCommands _commands;
    private readonly AgentResolver _resolver;
    private readonly InboxTokenCodec _tokens;

    internal InboxService(ConversationCommands commands, AgentResolver resolver)
    {
        _commands = commands;
        _resolver = resolver;
        _tokens = new InboxTokenCodec(commands.Options.PagingKey);
    }

    /// <summary>One page of a folder, as <paramref name="agentId"/> sees it.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="agentId">The agent asking; a registered agent of the workspace.</param>
    /// <param name="folder">The folder; see <see cref="InboxFolder"/> for each folder's order.</param>
    /// <param name="pageSize">From 1 to <see cref="LiveChatOptions.MaxPageSize"/>.</param>
    /// <param name="continuationToken">
    /// The previous page's token, or <see langword="null"/> for the first page. A token is opaque and tamper-evident, and
    /// belongs to the workspace, folder and agent of the page that returned it; see <see cref="LiveChatOptions.PagingKey"/>.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    /// <exception cref="ArgumentException">
    /// An unknown folder, a page size out of range, or a token this inbox did not make for this workspace, folder and agent.
    /// </exception>
    public async ValueTask<Page<Conversation>> ListAsync(
        WorkspaceId workspace, AgentId agentId, InboxFolder folder, int pageSize = 25, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(folder))
        {
            throw new ArgumentOutOfRangeException(nameof(folder), folder, "Unknown inbox folder.");
        }

        Guard.InRange(pageSize, 1, _commands.Options.MaxPageSize);
        Guard.Defined(workspace);
        Guard.Defined(agentId);
        var after = continuationToken is null ? (InboxCursor?)null : _tokens.Open(continuationToken, workspace, folder, agentId);
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);

        // One extra row tells whether another page follows, without a count query.
        var rows = await _commands.Store.QueryInboxAsync(new InboxQuery(workspace, folder, agent.Id, pageSize + 1, after), cancellationToken).ConfigureAwait(false);
        if (rows.Count <= pageSize)
        {
            return new Page<Conversation>(rows, null);
        }

        var items = rows.Take(pageSize).ToList();
        var last = items[^1];
        var cursor = new InboxCursor(folder == InboxFolder.Ended ? last.EndedAt!.Value.UtcTicks : 0, last.Number);
        return new Page<Conversation>(items, _tokens.Seal(cursor, workspace, folder, agent.Id));
    }

    /// <summary>
    /// How many messages <paramref name="agentId"/> has not read in each of <paramref name="conversationIds"/>, not
    /// counting their own (feature C8): an inbox page's unread badges in one call and one store read, where
    /// <see cref="ConversationService.GetUnreadCountAsync"/> takes one each.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="agentId">The agent asking, whose read cursors count; a registered agent of the workspace.</param>
    /// <param name="conversationIds">
    /// Up to <see cref="LiveChatOptions.MaxPageSize"/> conversations (a page's worth), typically the page
    /// <see cref="ListAsync"/> returned; a duplicate is counted once.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// A count for each id of a conversation of <paramref name="workspace"/>; an unknown id, or one of another workspace,
    /// is left out, so the answer tells nothing about other workspaces. Each count is as of its own read.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="conversationIds"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The workspace, the agent or one of the conversation ids is undefined.</exception>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="LiveChatOptions.MaxPageSize"/> distinct ids.</exception>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    /// <remarks>Thread-safe. Every argument is checked before anything is read.</remarks>
    public async ValueTask<IReadOnlyDictionary<ConversationId, int>> GetUnreadCountsAsync(
        WorkspaceId workspace, AgentId agentId, IEnumerable<ConversationId> conversationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        Guard.Defined(workspace);
        Guard.Defined(agentId);
        var ids = new List<ConversationId>();
        var seen = new HashSet<ConversationId>();
        foreach (var id in conversationIds)
        {
            if (!seen.Add(Guard.Defined(id, nameof(conversationIds))))
            {
                continue;
            }

            if (seen.Count > _commands.Options.MaxPageSize)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(conversationIds), $"At most {_commands.Options.MaxPageSize} conversations (LiveChatOptions.MaxPageSize) are counted in one call.");
            }

            ids.Add(id);
        }

        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        return ids.Count == 0
            ? new Dictionary<ConversationId, int>()
            : await _commands.Store.CountUnreadManyAsync(workspace, ids, ReaderId.Agent(agent.Id), cancellationToken).ConfigureAwait(false);
    }
}
