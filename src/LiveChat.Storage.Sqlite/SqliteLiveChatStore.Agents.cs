using System.Collections.Immutable;
using System.Text.Json;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <content>
/// Agents, their availability and heartbeats, and teams. Registration order (of agents and of teams) is the row id,
/// which an upsert keeps.
/// </content>
public sealed partial class SqliteLiveChatStore
{
    /// <inheritdoc />
    public ValueTask<Agent> UpsertAgentAsync(WorkspaceId workspace, AgentRegistration registration, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return WriteAsync((connection, tx) =>
        {
            using var upsert = Command(connection, tx,
                $"INSERT INTO agents ({SqliteRows.AgentColumns}) VALUES ($w, $a, $name, $max, {(int)AgentStatus.Offline}, $now, 0, $teams, NULL) "
                + "ON CONFLICT (workspace, id) DO UPDATE SET display_name = excluded.display_name, max_conversations = excluded.max_conversations, "
                + $"teams = excluded.teams RETURNING {SqliteRows.AgentColumns}");
            upsert.Parameters.AddWithValue("$w", workspace.Value);
            upsert.Parameters.AddWithValue("$a", registration.Id.Value);
            upsert.Parameters.AddWithValue("$name", registration.DisplayName);
            upsert.Parameters.AddWithValue("$max", registration.MaxConcurrentConversations);
            upsert.Parameters.AddWithValue("$now", now.UtcTicks);
            upsert.Parameters.AddWithValue("$teams", JsonSerializer.Serialize(registration.Teams, StoreJson.Options));
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
                "UPDATE agents SET status_changed_at = CASE WHEN status = $s THEN status_changed_at ELSE $now END, status = $s, "
                + $"last_seen_at = CASE WHEN $s = {(int)AgentStatus.Online} AND (last_seen_at IS NULL OR last_seen_at < $now) THEN $now ELSE last_seen_at END "
                + $"WHERE workspace = $w AND id = $a RETURNING {SqliteRows.AgentColumns}");
            update.Parameters.AddWithValue("$w", workspace.Value);
            update.Parameters.AddWithValue("$a", agentId.Value);
            update.Parameters.AddWithValue("$s", (int)status);
            update.Parameters.AddWithValue("$now", now.UtcTicks);
            using var reader = update.ExecuteReader();
            return reader.Read() ? SqliteRows.ReadAgent(reader) : throw new AgentNotFoundException(workspace, agentId);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Agent> RecordHeartbeatAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken = default)
        => WriteAsync((connection, tx) =>
        {
            using var update = Command(connection, tx,
                "UPDATE agents SET last_seen_at = CASE WHEN last_seen_at IS NULL OR last_seen_at < $now THEN $now ELSE last_seen_at END "
                + $"WHERE workspace = $w AND id = $a RETURNING {SqliteRows.AgentColumns}");
            update.Parameters.AddWithValue("$w", workspace.Value);
            update.Parameters.AddWithValue("$a", agentId.Value);
            update.Parameters.AddWithValue("$now", now.UtcTicks);
            using var reader = update.ExecuteReader();
            return reader.Read() ? SqliteRows.ReadAgent(reader) : throw new AgentNotFoundException(workspace, agentId);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Team> UpsertTeamAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        return WriteAsync((connection, tx) =>
        {
            // ON CONFLICT … DO UPDATE keeps the row id (INSERT OR REPLACE would not), so a redefined team keeps its place.
            using var upsert = Command(connection, tx,
                $"INSERT INTO teams (workspace, {SqliteRows.TeamColumns}) VALUES ($w, $id, $name, $fallback) "
                + $"ON CONFLICT (workspace, id) DO UPDATE SET name = excluded.name, fallback_team = excluded.fallback_team RETURNING {SqliteRows.TeamColumns}");
            upsert.Parameters.AddWithValue("$w", workspace.Value);
            upsert.Parameters.AddWithValue("$id", team.Id.Value);
            upsert.Parameters.AddWithValue("$name", team.Name);
            upsert.Parameters.AddWithValue("$fallback", (object?)team.FallbackTeam?.Value ?? DBNull.Value);
            using var reader = upsert.ExecuteReader();
            reader.Read();
            return SqliteRows.ReadTeam(reader);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Team>> ListTeamsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<Team>>(Read(connection =>
        {
            using var command = Command(connection, null, $"SELECT {SqliteRows.TeamColumns} FROM teams WHERE workspace = $w ORDER BY rowid");
            command.Parameters.AddWithValue("$w", workspace.Value);
            using var reader = command.ExecuteReader();
            var teams = new List<Team>();
            while (reader.Read())
            {
                teams.Add(SqliteRows.ReadTeam(reader));
            }

            return teams;
        }));

    private static Agent? FindAgent(SqliteConnection connection, SqliteTransaction? tx, WorkspaceId workspace, AgentId agentId)
    {
        using var command = Command(connection, tx, $"SELECT {SqliteRows.AgentColumns} FROM agents WHERE workspace = $w AND id = $a");
        command.Parameters.AddWithValue("$w", workspace.Value);
        command.Parameters.AddWithValue("$a", agentId.Value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? SqliteRows.ReadAgent(reader) : null;
    }
}
