using System.Collections.Concurrent;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <summary>
/// The embedded store: conversations, messages, cursors, agents and the identity log in process memory. Data is lost when the process
/// ends; use a durable adapter for production.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe. Each workspace has one lock for changes that touch agents (assignment, capacity, status, numbering);
/// each conversation has its own lock for messages and cursors, so posting to different conversations never contends.
/// Locks are always taken workspace first, then conversation. Snapshots are immutable, so reads take no lock.
/// </para>
/// <para>Inbox queries scan the workspace's conversations: fine for the embedded default, not meant for millions of rows.</para>
/// </remarks>
public sealed partial class InMemoryLiveChatStore : IConversationStore, IAgentStore
{
    private readonly ConcurrentDictionary<WorkspaceId, WorkspaceData> _workspaces = new();

    /// <inheritdoc />
    public ValueTask<Conversation> CreateConversationAsync(Conversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var workspace = Workspace(conversation.Workspace);
        lock (workspace.Gate)
        {
            if (workspace.Conversations.ContainsKey(conversation.Id))
            {
                throw new ArgumentException($"Conversation {conversation.Id} exists already.", nameof(conversation));
            }

            // Numbering and insertion happen under one lock, and nothing between them can fail: no gaps, no duplicates.
            var stored = conversation with { Number = workspace.LastNumber + 1, Version = 1, LastSequence = 0 };
            workspace.Conversations[stored.Id] = new ConversationData(stored);
            workspace.LastNumber = stored.Number;
            return ValueTask.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public ValueTask<Conversation?> FindConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(TryGet(workspace, conversationId)?.Current);

    /// <inheritdoc />
    public ValueTask<CommitResult> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var updated = commit.Updated;
        var data = Get(updated.Workspace, updated.Id);
        var workspace = _workspaces[updated.Workspace];
        lock (workspace.Gate)
        {
            lock (data)
            {
                var current = data.Current;
                if (current.Version != commit.ExpectedVersion)
                {
                    throw new ConcurrencyConflictException(current.Id, commit.ExpectedVersion, current.Version);
                }

                var (reserve, release) = commit.CapacityChangeFrom(current);
                Agent? reserved = null;
                if (reserve is { } owner)
                {
                    // Check everything before changing anything, so a refusal leaves no trace.
                    var agent = workspace.Agents.GetValueOrDefault(owner) ?? throw new AgentNotFoundException(updated.Workspace, owner);
                    if (agent.Status != AgentStatus.Online)
                    {
                        throw new AgentNotAvailableException(owner, agent.Status);
                    }

                    if (commit.OwnerPresence is { } presence && !(agent.LastSeenAt >= presence.SeenSince()))
                    {
                        throw new AgentNotAvailableException(owner, agent.Status, agent.LastSeenAt);
                    }

                    if (agent.OpenConversations >= agent.MaxConcurrentConversations)
                    {
                        throw new AgentCapacityExceededException(owner, agent.MaxConcurrentConversations);
                    }

                    reserved = agent with { OpenConversations = agent.OpenConversations + 1 };
                }

                var messages = AppendLocked(data, commit.Messages);
                if (release is { } released && workspace.Agents.TryGetValue(released, out var freed))
                {
                    workspace.Agents[released] = freed with { OpenConversations = Math.Max(0, freed.OpenConversations - 1) };
                }

                if (reserved is not null)
                {
                    workspace.Agents[reserved.Id] = reserved;
                }

                data.Current = updated with { Version = current.Version + 1, LastSequence = data.Messages.Count, Number = current.Number };
                return ValueTask.FromResult(new CommitResult(data.Current, messages));
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Conversation>> QueryInboxAsync(InboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.PageSize);
        if (!_workspaces.TryGetValue(query.Workspace, out var workspace))
        {
            return ValueTask.FromResult<IReadOnlyList<Conversation>>([]);
        }

        var all = workspace.Conversations.Values.Select(d => d.Current);
        var after = query.After;
        IEnumerable<Conversation> page = query.Folder switch
        {
            InboxFolder.Unassigned => all
                .Where(c => c.State is ConversationState.Unassigned or ConversationState.Offline)
                .Where(c => after is null || c.Number > after.Value.Number)
                .OrderBy(c => c.Number),
            InboxFolder.Mine => all
                .Where(c => c.State == ConversationState.Assigned && c.AssignedAgentId == query.AgentId)
                .Where(c => after is null || c.Number > after.Value.Number)
                .OrderBy(c => c.Number),
            InboxFolder.Ended => all
                .Where(c => c.State == ConversationState.Ended)
                .Where(c => after is null || IsBefore(c, after.Value))
                .OrderByDescending(c => c.EndedAt!.Value.UtcTicks)
                .ThenByDescending(c => c.Number),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Folder, "Unknown inbox folder."),
        };

        return ValueTask.FromResult<IReadOnlyList<Conversation>>(page.Take(query.PageSize).ToList());

        static bool IsBefore(Conversation c, InboxCursor cursor)
        {
            var ticks = c.EndedAt!.Value.UtcTicks;
            return ticks < cursor.EndedAtUtcTicks || (ticks == cursor.EndedAtUtcTicks && c.Number < cursor.Number);
        }
    }

    private WorkspaceData Workspace(WorkspaceId workspace) => _workspaces.GetOrAdd(workspace, static _ => new WorkspaceData());

    private ConversationData? TryGet(WorkspaceId workspace, ConversationId conversationId)
        => _workspaces.TryGetValue(workspace, out var data) ? data.Conversations.GetValueOrDefault(conversationId) : null;

    private ConversationData Get(WorkspaceId workspace, ConversationId conversationId)
        => TryGet(workspace, conversationId) ?? throw new ConversationNotFoundException(workspace, conversationId);

    private sealed class WorkspaceData
    {
        public object Gate { get; } = new();

        public long LastNumber { get; set; }

        public ConcurrentDictionary<ConversationId, ConversationData> Conversations { get; } = new();

        public ConcurrentDictionary<AgentId, Agent> Agents { get; } = new();

        public List<AgentId> AgentOrder { get; } = [];

        public List<Routing.Team> Teams { get; } = [];
    }

    private sealed class ConversationData(Conversation current)
    {
        private Conversation _current = current;

        public Conversation Current
        {
            get => Volatile.Read(ref _current);
            set => Volatile.Write(ref _current, value);
        }

        public List<ChatMessage> Messages { get; } = [];

        public Dictionary<string, ChatMessage> ByClientId { get; } = new(StringComparer.Ordinal);

        public Dictionary<ReaderId, long> Cursors { get; } = [];
    }
}
