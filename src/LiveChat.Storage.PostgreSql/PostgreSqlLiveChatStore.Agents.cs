using LiveChat.Core;
using LiveChat.Core.Agents;

namespace LiveChat.Storage.PostgreSql;

/// <content>
/// Agents and their availability. Registration order is the identity column <c>registration_order</c>, which an upsert
/// keeps, so the order is the same whichever process registered whom.
/// </content>
public sealed partial class PostgreSqlLiveChatStore
{
    /// <inheritdoc />
    public ValueTask<Agent> UpsertAgentAsync(WorkspaceId workspace, AgentRegistration registration, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return WriteAsync(async (connection, tx, ct) =>
        {
            using var upsert = Command(connection, tx,
                $"INSERT INTO agents ({PostgreSqlRows.AgentColumns}) VALUES (@w, @a, @name, @max, {(int)AgentStatus.Offline}, @now, 0) "
                + $"ON CONFLICT (workspace, id) DO UPDATE SET display_name = excluded.display_name, max_conversations = excluded.max_conversations RETURNING {PostgreSqlRows.AgentColumns}");
            upsert.Parameters.AddWithValue("w", workspace.Value);
            upsert.Parameters.AddWithValue("a", registration.Id.Value);
            upsert.Parameters.AddWithValue("name", registration.DisplayName);
            upsert.Parameters.AddWithValue("max", registration.MaxConcurrentConversations);
            upsert.Parameters.AddWithValue("now", now.UtcTicks);
            return (await QueryFirstAsync(upsert, PostgreSqlRows.ReadAgent, ct).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Agent?> FindAgentAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken = default)
        => ReadAsync((connection, tx, ct) => SelectAgentAsync(connection, tx, workspace, agentId, ct), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Agent>> ListAgentsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<Agent>>(async (connection, tx, ct) =>
        {
            using var command = Command(connection, tx,
                $"SELECT {PostgreSqlRows.AgentColumns} FROM agents WHERE workspace = @w ORDER BY registration_order");
            command.Parameters.AddWithValue("w", workspace.Value);
            return await QueryAsync(command, PostgreSqlRows.ReadAgent, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Agent> SetAgentStatusAsync(WorkspaceId workspace, AgentId agentId, AgentStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
        => WriteAsync(async (connection, tx, ct) =>
        {
            using var update = Command(connection, tx,
                "UPDATE agents SET status_changed_at = CASE WHEN status = @s THEN status_changed_at ELSE @now END, status = @s "
                + $"WHERE workspace = @w AND id = @a RETURNING {PostgreSqlRows.AgentColumns}");
            update.Parameters.AddWithValue("w", workspace.Value);
            update.Parameters.AddWithValue("a", agentId.Value);
            update.Parameters.AddWithValue("s", (int)status);
            update.Parameters.AddWithValue("now", now.UtcTicks);
            return await QueryFirstAsync(update, PostgreSqlRows.ReadAgent, ct).ConfigureAwait(false) ?? throw new AgentNotFoundException(workspace, agentId);
        }, cancellationToken);
}
