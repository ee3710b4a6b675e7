using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <content>Conversations: create, find, commit and the inbox folders.</content>
public sealed partial class SqliteLiveChatStore
{
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
            using var next = RelationalStatements.NextNumber(connection, tx, conversation.Workspace);
            var number = (long)next.ExecuteScalar()!;
            var stored = conversation with { Number = number, Version = 1, LastSequence = 0 };
            using var insert = Sql.InsertConversation(connection, tx, stored);
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
                    "UPDATE agents SET open_conversations = open_conversations + 1 WHERE workspace = @w AND id = @a AND open_conversations < max_conversations");
                take.Parameters.AddWithValue("@w", updated.Workspace.Value);
                take.Parameters.AddWithValue("@a", owner.Value);
                if (take.ExecuteNonQuery() == 0)
                {
                    throw new AgentCapacityExceededException(owner, agent.MaxConcurrentConversations);
                }
            }

            if (release is { } released)
            {
                using var free = Sql.ReleaseCapacity(connection, tx, updated.Workspace, released);
                free.ExecuteNonQuery();
            }

            var messages = new List<ChatMessage>(commit.Messages.Count);
            foreach (var draft in commit.Messages)
            {
                messages.Add(InsertMessage(connection, tx, updated.Workspace, updated.Id, current.LastSequence + messages.Count + 1, draft));
            }

            var stored = updated with { Number = current.Number, Version = current.Version + 1, LastSequence = current.LastSequence + messages.Count };
            using var write = Sql.UpdateConversation(connection, tx, stored);
            write.ExecuteNonQuery();
            return new CommitResult(stored, messages);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Conversation>> QueryInboxAsync(InboxQuery query, CancellationToken cancellationToken = default)
    {
        var sql = Sql.InboxSql(query);
        return ValueTask.FromResult<IReadOnlyList<Conversation>>(Read(connection =>
        {
            using var command = RelationalStatements.Inbox(connection, null, sql, query);
            return DbReads.All(command, Sql.ReadConversation);
        }));
    }

    private static Conversation? FindConversation(SqliteConnection connection, SqliteTransaction? tx, WorkspaceId workspace, ConversationId conversationId)
    {
        using var command = Sql.FindConversation(connection, tx, workspace, conversationId);
        return DbReads.First(command, Sql.ReadConversation);
    }

    private static Conversation RequireConversation(SqliteConnection connection, SqliteTransaction? tx, WorkspaceId workspace, ConversationId conversationId)
        => FindConversation(connection, tx, workspace, conversationId) ?? throw new ConversationNotFoundException(workspace, conversationId);
}
