using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Storage.Relational;
using Npgsql;
using NpgsqlTypes;

namespace LiveChat.Storage.PostgreSql;

/// <content>Conversations: create, find, commit and the inbox folders.</content>
public sealed partial class PostgreSqlLiveChatStore
{
    /// <inheritdoc />
    public async ValueTask<Conversation> CreateConversationAsync(Conversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return await WriteAsync(async (connection, tx, ct) =>
        {
            // The counter row and the conversation commit together, and the row stays locked until then: numbers
            // have no gaps and no duplicates, whichever process creates the conversation.
            using var next = RelationalStatements.NextNumber(connection, tx, conversation.Workspace);
            var number = (long)(await next.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            var stored = conversation with { Number = number, Version = 1, LastSequence = 0 };
            using var insert = Sql.InsertConversation(connection, tx, stored);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return stored;
        },
        cancellationToken,
        // The primary key is the existence check: it also catches two processes creating the same id at once. The
        // transaction rolled back, counter included, so no number was used up.
        ex => ex.SqlState == UniqueViolation && ex.ConstraintName == "conversations_pkey"
            ? new ArgumentException($"Conversation {conversation.Id} exists already.", nameof(conversation), ex)
            : null).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<Conversation?> FindConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => ReadAsync((connection, tx, ct) => SelectConversationAsync(connection, tx, workspace, conversationId, forUpdate: false, ct), cancellationToken);

    /// <inheritdoc />
    public ValueTask<CommitResult> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var updated = commit.Updated;
        return WriteAsync(async (connection, tx, ct) =>
        {
            // The row lock makes the version check and the write one step: a concurrent commit waits here, then sees
            // the new version and loses with a ConcurrencyConflictException.
            var current = await RequireConversationAsync(connection, tx, updated.Workspace, updated.Id, forUpdate: true, ct).ConfigureAwait(false);
            if (current.Version != commit.ExpectedVersion)
            {
                throw new ConcurrencyConflictException(current.Id, commit.ExpectedVersion, current.Version);
            }

            var (reserve, release) = commit.CapacityChangeFrom(current);

            // Agent rows are locked in ordinal order of their ids, so two reassignments in opposite directions cannot deadlock.
            if (release is { } first && reserve is { } second && string.CompareOrdinal(first.Value, second.Value) < 0)
            {
                await ReleaseCapacityAsync(connection, tx, updated.Workspace, first, ct).ConfigureAwait(false);
                await ReserveCapacityAsync(connection, tx, updated.Workspace, second, commit.OwnerPresence?.SeenSince(), ct).ConfigureAwait(false);
            }
            else
            {
                if (reserve is { } agent)
                {
                    await ReserveCapacityAsync(connection, tx, updated.Workspace, agent, commit.OwnerPresence?.SeenSince(), ct).ConfigureAwait(false);
                }

                if (release is { } freed)
                {
                    await ReleaseCapacityAsync(connection, tx, updated.Workspace, freed, ct).ConfigureAwait(false);
                }
            }

            var messages = new List<ChatMessage>(commit.Messages.Count);
            foreach (var draft in commit.Messages)
            {
                messages.Add(await InsertMessageAsync(connection, tx, updated.Workspace, updated.Id, current.LastSequence + messages.Count + 1, draft, ct).ConfigureAwait(false));
            }

            var stored = updated with { Number = current.Number, Version = current.Version + 1, LastSequence = current.LastSequence + messages.Count };
            using var write = Sql.UpdateConversation(connection, tx, stored);
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return new CommitResult(stored, messages);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Conversation>> QueryInboxAsync(InboxQuery query, CancellationToken cancellationToken = default)
    {
        var sql = Sql.InboxSql(query);
        return ReadAsync<IReadOnlyList<Conversation>>(async (connection, tx, ct) =>
        {
            using var command = RelationalStatements.Inbox(connection, tx, sql, query);
            return await DbReads.AllAsync(command, Sql.ReadConversation, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// Counts the conversation against the agent. The status, presence and capacity checks and the reservation are one
    /// statement, so no agent goes over capacity, and none whose heartbeat is older than <paramref name="seenSince"/>
    /// takes a seat, whatever runs beside it; when it changes nothing, the row says why.
    /// </summary>
    private static async Task ReserveCapacityAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, WorkspaceId workspace, AgentId agentId, DateTimeOffset? seenSince, CancellationToken ct)
    {
        using var reserve = Command(connection, tx,
            "UPDATE agents SET open_conversations = open_conversations + 1 "
            + $"WHERE workspace = @w AND id = @a AND status = {(int)AgentStatus.Online} AND open_conversations < max_conversations "
            + "AND (@since IS NULL OR last_seen_at >= @since)");
        reserve.Parameters.AddWithValue("w", workspace.Value);
        reserve.Parameters.AddWithValue("a", agentId.Value);
        reserve.Parameters.AddWithValue("since", NpgsqlDbType.Bigint, (object?)seenSince?.UtcTicks ?? DBNull.Value);
        if (await reserve.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
        {
            return;
        }

        // Checked in the order of the other stores: status, then presence, then capacity.
        var agent = await SelectAgentAsync(connection, tx, workspace, agentId, ct).ConfigureAwait(false) ?? throw new AgentNotFoundException(workspace, agentId);
        if (agent.Status != AgentStatus.Online)
        {
            throw new AgentNotAvailableException(agentId, agent.Status);
        }

        if (seenSince is { } since && !(agent.LastSeenAt >= since))
        {
            throw new AgentNotAvailableException(agentId, agent.Status, agent.LastSeenAt);
        }

        throw new AgentCapacityExceededException(agentId, agent.MaxConcurrentConversations);
    }

    private static async Task ReleaseCapacityAsync(NpgsqlConnection connection, NpgsqlTransaction tx, WorkspaceId workspace, AgentId agentId, CancellationToken ct)
    {
        using var release = Sql.ReleaseCapacity(connection, tx, workspace, agentId);
        await release.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
