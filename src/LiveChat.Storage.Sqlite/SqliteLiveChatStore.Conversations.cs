using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <content>Conversations: create, find, commit and the inbox folders.</content>
public sealed partial class SqliteLiveChatStore
{
    private const string UpsertConversation =
        "INSERT OR REPLACE INTO conversations (" + SqliteRows.ConversationColumns + ") VALUES ($workspace, $id, $number, $state, $version, $channel, "
        + "$visitor_name, $visitor_token_hash, $counterpart_name, $assigned_agent, $started_at, $ended_at, $last_sequence, $participants, $details, $created_results, $routing)";

    /// <inheritdoc />
    public ValueTask<Conversation> CreateConversationAsync(Conversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return WriteAsync((connection, tx) =>
        {
            if (FindConversation(connection, tx, conversation.Workspace, conversation.Id) is not null)
            {
                throw new ArgumentException($"Conversation {conversation.Id} exists already.", nameof(conversation));
            }

            // The counter row and the conversation commit together: numbers have no gaps, even across processes.
            using var next = Command(connection, tx,
                "INSERT INTO workspaces (workspace, last_number) VALUES ($w, 1) ON CONFLICT (workspace) DO UPDATE SET last_number = last_number + 1 RETURNING last_number");
            next.Parameters.AddWithValue("$w", conversation.Workspace.Value);
            var number = (long)next.ExecuteScalar()!;
            var stored = conversation with { Number = number, Version = 1, LastSequence = 0 };
            using var insert = Command(connection, tx, UpsertConversation);
            SqliteRows.BindConversation(insert, stored);
            insert.ExecuteNonQuery();
            return stored;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Conversation?> FindConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(connection => FindConversation(connection, null, workspace, conversationId)));

    /// <inheritdoc />
    public ValueTask<CommitResult> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var updated = commit.Updated;
        return WriteAsync((connection, tx) =>
        {
            var current = RequireConversation(connection, tx, updated.Workspace, updated.Id);
            if (current.Version != commit.ExpectedVersion)
            {
                throw new ConcurrencyConflictException(current.Id, commit.ExpectedVersion, current.Version);
            }

            var (reserve, release) = commit.CapacityChangeFrom(current);
            if (reserve is { } owner)
            {
                var agent = FindAgent(connection, tx, updated.Workspace, owner) ?? throw new AgentNotFoundException(updated.Workspace, owner);
                if (agent.Status != AgentStatus.Online)
                {
                    throw new AgentNotAvailableException(owner, agent.Status);
                }

                // The heartbeat is read in the write transaction, which holds the database's write lock: no heartbeat
                // or status change can land between this check and the reservation.
                if (commit.OwnerPresence?.SeenSince() is { } since && !(agent.LastSeenAt >= since))
                {
                    throw new AgentNotAvailableException(owner, agent.Status, agent.LastSeenAt);
                }

                // The capacity check and the reservation are one statement: no agent goes over capacity, whatever runs beside it.
                using var take = Command(connection, tx,
                    "UPDATE agents SET open_conversations = open_conversations + 1 WHERE workspace = $w AND id = $a AND open_conversations < max_conversations");
                take.Parameters.AddWithValue("$w", updated.Workspace.Value);
                take.Parameters.AddWithValue("$a", owner.Value);
                if (take.ExecuteNonQuery() == 0)
                {
                    throw new AgentCapacityExceededException(owner, agent.MaxConcurrentConversations);
                }
            }

            if (release is { } released)
            {
                using var free = Command(connection, tx,
                    "UPDATE agents SET open_conversations = MAX(0, open_conversations - 1) WHERE workspace = $w AND id = $a");
                free.Parameters.AddWithValue("$w", updated.Workspace.Value);
                free.Parameters.AddWithValue("$a", released.Value);
                free.ExecuteNonQuery();
            }

            var messages = new List<ChatMessage>(commit.Messages.Count);
            foreach (var draft in commit.Messages)
            {
                messages.Add(InsertMessage(connection, tx, updated.Workspace, updated.Id, current.LastSequence + messages.Count + 1, draft));
            }

            var stored = updated with { Number = current.Number, Version = current.Version + 1, LastSequence = current.LastSequence + messages.Count };
            using var write = Command(connection, tx, UpsertConversation);
            SqliteRows.BindConversation(write, stored);
            write.ExecuteNonQuery();
            return new CommitResult(stored, messages);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Conversation>> QueryInboxAsync(InboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.PageSize);
        var (filter, order) = query.Folder switch
        {
            InboxFolder.Unassigned => ($"state IN ({(int)ConversationState.Unassigned}, {(int)ConversationState.Offline}) AND number > $n", "number"),
            InboxFolder.Mine => ($"state = {(int)ConversationState.Assigned} AND assigned_agent = $agent AND number > $n", "number"),
            InboxFolder.Ended => ($"state = {(int)ConversationState.Ended} AND (ended_at < $t OR (ended_at = $t AND number < $n))", "ended_at DESC, number DESC"),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Folder, "Unknown inbox folder."),
        };
        return ValueTask.FromResult<IReadOnlyList<Conversation>>(Read(connection =>
        {
            using var command = Command(connection, null,
                $"SELECT {SqliteRows.ConversationColumns} FROM conversations WHERE workspace = $w AND {filter} ORDER BY {order} LIMIT $limit");
            command.Parameters.AddWithValue("$w", query.Workspace.Value);
            command.Parameters.AddWithValue("$agent", query.AgentId.Value ?? string.Empty);
            command.Parameters.AddWithValue("$n", query.After is { } a ? a.Number : (query.Folder == InboxFolder.Ended ? long.MaxValue : 0));
            command.Parameters.AddWithValue("$t", query.After is { } b ? b.EndedAtUtcTicks : long.MaxValue);
            command.Parameters.AddWithValue("$limit", query.PageSize);
            using var reader = command.ExecuteReader();
            var page = new List<Conversation>();
            while (reader.Read())
            {
                page.Add(SqliteRows.ReadConversation(reader));
            }

            return page;
        }));
    }

    private static Conversation? FindConversation(SqliteConnection connection, SqliteTransaction? tx, WorkspaceId workspace, ConversationId conversationId)
    {
        using var command = Command(connection, tx, $"SELECT {SqliteRows.ConversationColumns} FROM conversations WHERE workspace = $w AND id = $id");
        command.Parameters.AddWithValue("$w", workspace.Value);
        command.Parameters.AddWithValue("$id", SqliteRows.Key(conversationId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? SqliteRows.ReadConversation(reader) : null;
    }

    private static Conversation RequireConversation(SqliteConnection connection, SqliteTransaction? tx, WorkspaceId workspace, ConversationId conversationId)
        => FindConversation(connection, tx, workspace, conversationId) ?? throw new ConversationNotFoundException(workspace, conversationId);
}
