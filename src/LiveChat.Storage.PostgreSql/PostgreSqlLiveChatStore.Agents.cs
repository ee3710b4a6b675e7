using System.Collections.Immutable;
using System.Text.Json;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using NpgsqlTypes;

namespace LiveChat.Storage.PostgreSql;

/// <content>
/// Agents, their availability and heartbeats, and teams. Registration order is the identity column
/// <c>registration_order</c> (for teams, <c>definition_order</c>), which an upsert keeps, so the order is the same
/// whichever process registered whom.
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
                $"INSERT INTO agents ({PostgreSqlRows.AgentColumns}) VALUES (@w, @a, @name, @max, {(int)AgentStatus.Offline}, @now, 0, @teams, NULL) "
                + "ON CONFLICT (workspace, id) DO UPDATE SET display_name = excluded.display_name, max_conversations = excluded.max_conversations, "
                + $"teams = excluded.teams RETURNING {PostgreSqlRows.AgentColumns}");
            upsert.Parameters.AddWithValue("w", workspace.Value);
            upsert.Parameters.AddWithValue("a", registration.Id.Value);
            upsert.Parameters.AddWithValue("name", registration.DisplayName);
            upsert.Parameters.AddWithValue("max", registration.MaxConcurrentConversations);
            upsert.Parameters.AddWithValue("now", now.UtcTicks);
            upsert.Parameters.AddWithValue("teams", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(registration.Teams, StoreJson.Options));
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
                "UPDATE agents SET status_changed_at = CASE WHEN status = @s THEN status_changed_at ELSE @now END, status = @s, "
                + $"last_seen_at = CASE WHEN @s = {(int)AgentStatus.Online} AND (last_seen_at IS NULL OR last_seen_at < @now) THEN @now ELSE last_seen_at END "
                + $"WHERE workspace = @w AND id = @a RETURNING {PostgreSqlRows.AgentColumns}");
            update.Parameters.AddWithValue("w", workspace.Value);
            update.Parameters.AddWithValue("a", agentId.Value);
            update.Parameters.AddWithValue("s", (int)status);
            update.Parameters.AddWithValue("now", now.UtcTicks);
            return await QueryFirstAsync(update, PostgreSqlRows.ReadAgent, ct).ConfigureAwait(false) ?? throw new AgentNotFoundException(workspace, agentId);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Agent> RecordHeartbeatAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken = default)
        => WriteAsync(async (connection, tx, ct) =>
        {
            // GREATEST ignores a null: the first heartbeat sets the time, a later one only moves it forward.
            using var update = Command(connection, tx,
                $"UPDATE agents SET last_seen_at = GREATEST(last_seen_at, @now) WHERE workspace = @w AND id = @a RETURNING {PostgreSqlRows.AgentColumns}");
            update.Parameters.AddWithValue("w", workspace.Value);
            update.Parameters.AddWithValue("a", agentId.Value);
            update.Parameters.AddWithValue("now", now.UtcTicks);
            return await QueryFirstAsync(update, PostgreSqlRows.ReadAgent, ct).ConfigureAwait(false) ?? throw new AgentNotFoundException(workspace, agentId);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Team> UpsertTeamAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        return WriteAsync(async (connection, tx, ct) =>
        {
            // An update keeps the identity column definition_order, so a redefined team keeps its place.
            using var upsert = Command(connection, tx,
                $"INSERT INTO teams (workspace, {PostgreSqlRows.TeamColumns}) VALUES (@w, @id, @name, @fallback) "
                + $"ON CONFLICT (workspace, id) DO UPDATE SET name = excluded.name, fallback_team = excluded.fallback_team RETURNING {PostgreSqlRows.TeamColumns}");
            upsert.Parameters.AddWithValue("w", workspace.Value);
            upsert.Parameters.AddWithValue("id", team.Id.Value);
            upsert.Parameters.AddWithValue("name", team.Name);
            upsert.Parameters.AddWithValue("fallback", NpgsqlDbType.Text, (object?)team.FallbackTeam?.Value ?? DBNull.Value);
            return (await QueryFirstAsync(upsert, PostgreSqlRows.ReadTeam, ct).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Team>> ListTeamsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<Team>>(async (connection, tx, ct) =>
        {
            using var command = Command(connection, tx,
                $"SELECT {PostgreSqlRows.TeamColumns} FROM teams WHERE workspace = @w ORDER BY definition_order");
            command.Parameters.AddWithValue("w", workspace.Value);
            return await QueryAsync(command, PostgreSqlRows.ReadTeam, ct).ConfigureAwait(false);
        }, cancellationToken);
}
