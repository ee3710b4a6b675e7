using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <content>
/// Agents, their availability and heartbeats, and teams. Registration order (of agents and of teams) is the row id,
/// which an upsert keeps (ON CONFLICT … DO UPDATE; INSERT OR REPLACE would not).
/// </content>
public sealed partial class SqliteLiveChatStore
{
    /// <inheritdoc />
    public ValueTask<Agent> UpsertAgentAsync(WorkspaceId workspace, AgentRegistration registration, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return WriteAsync((connection, tx) =>
        {
            using var upsert = Sql.UpsertAgent(connection, tx, workspace, registration, now);
            return DbReads.First(upsert, RelationalRows.ReadAgent)!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Agent?> FindAgentAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(connection => FindAgent(connection, null, workspace, agentId)));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Agent>> ListAgentsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<Agent>>(Read(connection =>
        {
            using var command = Sql.ListAgents(connection, null, workspace);
            return DbReads.All(command, RelationalRows.ReadAgent);
        }));

    /// <inheritdoc />
    public ValueTask<Agent> SetAgentStatusAsync(WorkspaceId workspace, AgentId agentId, AgentStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
        => WriteAsync((connection, tx) =>
        {
            using var update = RelationalStatements.SetAgentStatus(connection, tx, workspace, agentId, status, now);
            return DbReads.First(update, RelationalRows.ReadAgent) ?? throw new AgentNotFoundException(workspace, agentId);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Agent> RecordHeartbeatAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken = default)
        => WriteAsync((connection, tx) =>
        {
            using var update = RelationalStatements.RecordHeartbeat(connection, tx, workspace, agentId, now);
            return DbReads.First(update, RelationalRows.ReadAgent) ?? throw new AgentNotFoundException(workspace, agentId);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Team> UpsertTeamAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        return WriteAsync((connection, tx) =>
        {
            using var upsert = RelationalStatements.UpsertTeam(connection, tx, workspace, team);
            return DbReads.First(upsert, RelationalRows.ReadTeam)!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Team>> ListTeamsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<Team>>(Read(connection =>
        {
            using var command = Sql.ListTeams(connection, null, workspace);
            return DbReads.All(command, RelationalRows.ReadTeam);
        }));

    private static Agent? FindAgent(SqliteConnection connection, SqliteTransaction? tx, WorkspaceId workspace, AgentId agentId)
    {
        using var command = RelationalStatements.FindAgent(connection, tx, workspace, agentId);
        return DbReads.First(command, RelationalRows.ReadAgent);
    }
}
