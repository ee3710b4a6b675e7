using LiveChat.Core;
using LiveChat.Core.Agents;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <content>Agents and their availability. Registration order is the row id, which an upsert keeps.</content>
public sealed partial class SqliteLiveChatStore
{
    /// <inheritdoc />
    public ValueTask<Agent> UpsertAgentAsync(WorkspaceId workspace, AgentRegistration registration, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return WriteAsync((connection, tx) =>
        {
            using var upsert = Command(connection, tx,
                $"INSERT INTO agents ({SqliteRows.AgentColumns}) VALUES ($w, $a, $name, $max, {(int)AgentStatus.Offline}, $now, 0) "
                + $"ON CONFLICT (workspace, id) DO UPDATE SET display_name = excluded.display_name, max_conversations = excluded.max_conversations RETURNING {SqliteRows.AgentColumns}");
            upsert.Parameters.AddWithValue("$w", workspace.Value);
            upsert.Parameters.AddWithValue("$a", registration.Id.Value);
            upsert.Parameters.AddWithValue("$name", registration.DisplayName);
            upsert.Parameters.AddWithValue("$max", registration.MaxConcurrentConversations);
            upsert.Parameters.AddWithValue("$now", now.UtcTicks);
            using var reader = upsert.ExecuteReader();
            reader.Read();
            return SqliteRows.ReadAgent(reader);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Agent?> FindAgentAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(connection => FindAgent(connection, null, workspace, agentId)));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Agent>> ListAgentsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<Agent>>(Read(connection =>
        {
            using var command = Command(connection, null, $"SELECT {SqliteRows.AgentColumns} FROM agents WHERE workspace = $w ORDER BY rowid");
            command.Parameters.AddWithValue("$w", workspace.Value);
            using var reader = command.ExecuteReader();
            var agents = new List<Agent>();
            while (reader.Read())
            {
                agents.Add(SqliteRows.ReadAgent(reader));
            }

            return agents;
        }));

    /// <inheritdoc />
    public ValueTask<Agent> SetAgentStatusAsync(WorkspaceId workspace, AgentId agentId, AgentStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
        => WriteAsync((connection, tx) =>
        {
            using var update = Command(connection, tx,
                "UPDATE agents SET status_changed_at = CASE WHEN status = $s THEN status_changed_at ELSE $now END, status = $s "
                + $"WHERE workspace = $w AND id = $a RETURNING {SqliteRows.AgentColumns}");
            update.Parameters.AddWithValue("$w", workspace.Value);
            update.Parameters.AddWithValue("$a", agentId.Value);
            update.Parameters.AddWithValue("$s", (int)status);
            update.Parameters.AddWithValue("$now", now.UtcTicks);
            using var reader = update.ExecuteReader();
            return reader.Read() ? SqliteRows.ReadAgent(reader) : throw new AgentNotFoundException(workspace, agentId);
        }, cancellationToken);

    private static Agent? FindAgent(SqliteConnection connection, SqliteTransaction? tx, WorkspaceId workspace, AgentId agentId)
    {
        using var command = Command(connection, tx, $"SELECT {SqliteRows.AgentColumns} FROM agents WHERE workspace = $w AND id = $a");
        command.Parameters.AddWithValue("$w", workspace.Value);
        command.Parameters.AddWithValue("$a", agentId.Value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? SqliteRows.ReadAgent(reader) : null;
    }
}
