using System.Data;
using System.Data.Common;
using System.Text.Json;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;

namespace LiveChat.Storage.Relational;

/// <content>
/// Agents, their availability and heartbeats, and teams (features R1–R4). Registration order (of agents and of teams)
/// is kept by every upsert, so a list comes back in the order of first registration, whichever process registered whom.
/// </content>
internal sealed partial class RelationalStatements
{
    private const string FindAgentSql = $"SELECT {RelationalRows.AgentColumns} FROM agents WHERE workspace = @w AND id = @a";

    private static readonly string SetAgentStatusSql =
        "UPDATE agents SET status_changed_at = CASE WHEN status = @s THEN status_changed_at ELSE @now END, status = @s, "
        + $"last_seen_at = CASE WHEN @s = {(int)AgentStatus.Online} AND (last_seen_at IS NULL OR last_seen_at < @now) THEN @now ELSE last_seen_at END "
        + $"WHERE workspace = @w AND id = @a RETURNING {RelationalRows.AgentColumns}";

    // The first heartbeat sets the time, a later one only moves it forward.
    private const string HeartbeatSql =
        "UPDATE agents SET last_seen_at = CASE WHEN last_seen_at IS NULL OR last_seen_at < @now THEN @now ELSE last_seen_at END "
        + $"WHERE workspace = @w AND id = @a RETURNING {RelationalRows.AgentColumns}";

    // An update keeps the row's place (SQLite's row id, PostgreSQL's definition_order), so a redefined team keeps its place.
    private const string UpsertTeamSql =
        $"INSERT INTO teams (workspace, {RelationalRows.TeamColumns}) VALUES (@w, @id, @name, @fallback) "
        + $"ON CONFLICT (workspace, id) DO UPDATE SET name = excluded.name, fallback_team = excluded.fallback_team RETURNING {RelationalRows.TeamColumns}";

    private readonly string _upsertAgent;
    private readonly string _listAgents;
    private readonly string _listTeams;
    private readonly string _releaseCapacity;

    /// <summary>
    /// Registers the agent, or updates a registered one's name, capacity and teams, keeping their status, load and
    /// heartbeat; returns the agent's row. A new agent starts offline, with no conversation and no heartbeat.
    /// </summary>
    public DbCommand UpsertAgent(DbConnection connection, DbTransaction transaction, WorkspaceId workspace, AgentRegistration registration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var command = Command(connection, transaction, _upsertAgent);
        RelationalRows.Bind(command, "@w", workspace.Value);
        RelationalRows.Bind(command, "@a", registration.Id.Value);
        RelationalRows.Bind(command, "@name", registration.DisplayName);
        RelationalRows.Bind(command, "@max", registration.MaxConcurrentConversations);
        RelationalRows.Bind(command, "@now", now.UtcTicks);
        RelationalRows.BindJson(command, "@teams", JsonSerializer.Serialize(registration.Teams, StoreJson.Options), _dialect);
        return command;
    }

    /// <summary>Selects the agent's row.</summary>
    public static DbCommand FindAgent(DbConnection connection, DbTransaction? transaction, WorkspaceId workspace, AgentId agentId)
        => AgentCommand(connection, transaction, FindAgentSql, workspace, agentId);

    /// <summary>Selects the workspace's agents in registration order.</summary>
    public DbCommand ListAgents(DbConnection connection, DbTransaction? transaction, WorkspaceId workspace)
        => WorkspaceCommand(connection, transaction, _listAgents, workspace);

    /// <summary>
    /// Sets the agent's chosen status (feature R1), returning their row, or none when the agent is unknown. The status
    /// time moves only when the status changes; going online counts as a heartbeat.
    /// </summary>
    public static DbCommand SetAgentStatus(
        DbConnection connection, DbTransaction transaction, WorkspaceId workspace, AgentId agentId, AgentStatus status, DateTimeOffset now)
    {
        var command = AgentCommand(connection, transaction, SetAgentStatusSql, workspace, agentId);
        RelationalRows.Bind(command, "@s", (int)status);
        RelationalRows.Bind(command, "@now", now.UtcTicks);
        return command;
    }

    /// <summary>Records a heartbeat (feature R1), returning the agent's row, or none when the agent is unknown.</summary>
    public static DbCommand RecordHeartbeat(DbConnection connection, DbTransaction transaction, WorkspaceId workspace, AgentId agentId, DateTimeOffset now)
    {
        var command = AgentCommand(connection, transaction, HeartbeatSql, workspace, agentId);
        RelationalRows.Bind(command, "@now", now.UtcTicks);
        return command;
    }

    /// <summary>Frees one of the agent's seats (never below zero).</summary>
    public DbCommand ReleaseCapacity(DbConnection connection, DbTransaction transaction, WorkspaceId workspace, AgentId agentId)
        => AgentCommand(connection, transaction, _releaseCapacity, workspace, agentId);

    /// <summary>Defines the team or redefines it in place (feature R4), returning its row.</summary>
    public static DbCommand UpsertTeam(DbConnection connection, DbTransaction transaction, WorkspaceId workspace, Team team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var command = Command(connection, transaction, UpsertTeamSql);
        RelationalRows.Bind(command, "@w", workspace.Value);
        RelationalRows.Bind(command, "@id", team.Id.Value);
        RelationalRows.Bind(command, "@name", team.Name);
        RelationalRows.Bind(command, "@fallback", team.FallbackTeam?.Value, DbType.String);
        return command;
    }

    /// <summary>Selects the workspace's teams in the order they were first defined.</summary>
    public DbCommand ListTeams(DbConnection connection, DbTransaction? transaction, WorkspaceId workspace)
        => WorkspaceCommand(connection, transaction, _listTeams, workspace);

    private static DbCommand WorkspaceCommand(DbConnection connection, DbTransaction? transaction, string sql, WorkspaceId workspace)
    {
        var command = Command(connection, transaction, sql);
        RelationalRows.Bind(command, "@w", workspace.Value);
        return command;
    }

    private static DbCommand AgentCommand(DbConnection connection, DbTransaction? transaction, string sql, WorkspaceId workspace, AgentId agentId)
    {
        var command = WorkspaceCommand(connection, transaction, sql, workspace);
        RelationalRows.Bind(command, "@a", agentId.Value);
        return command;
    }
}
