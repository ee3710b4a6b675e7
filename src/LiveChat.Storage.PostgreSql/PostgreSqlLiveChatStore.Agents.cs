using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Storage.Relational;

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
            using var upsert = Sql.UpsertAgent(connection, tx, workspace, registration, now);
            return (await DbReads.FirstAsync(upsert, RelationalRows.ReadAgent, ct).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<Agent?> FindAgentAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken = default)
        => ReadAsync((connection, tx, ct) => SelectAgentAsync(connection, tx, workspace, agentId, ct), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Agent>> ListAgentsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<Agent>>(async (connection, tx, ct) =>
        {
            using var command = Sql.ListAgents(connection, tx, workspace);
            return await DbReads.AllAsync(command, RelationalRows.ReadAgent, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Agent> SetAgentStatusAsync(WorkspaceId workspace, AgentId agentId, AgentStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
        => WriteAsync(async (connection, tx, ct) =>
        {
            using var update = RelationalStatements.SetAgentStatus(connection, tx, workspace, agentId, status, now);
            return await DbReads.FirstAsync(update, RelationalRows.ReadAgent, ct).ConfigureAwait(false) ?? throw new AgentNotFoundException(workspace, agentId);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Agent> RecordHeartbeatAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken = default)
        => WriteAsync(async (connection, tx, ct) =>
        {
            using var update = RelationalStatements.RecordHeartbeat(connection, tx, workspace, agentId, now);
            return await DbReads.FirstAsync(update, RelationalRows.ReadAgent, ct).ConfigureAwait(false) ?? throw new AgentNotFoundException(workspace, agentId);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Team> UpsertTeamAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        return WriteAsync(async (connection, tx, ct) =>
        {
            using var upsert = RelationalStatements.UpsertTeam(connection, tx, workspace, team);
            return (await DbReads.FirstAsync(upsert, RelationalRows.ReadTeam, ct).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Team>> ListTeamsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<Team>>(async (connection, tx, ct) =>
        {
            using var command = Sql.ListTeams(connection, tx, workspace);
            return await DbReads.AllAsync(command, RelationalRows.ReadTeam, ct).ConfigureAwait(false);
        }, cancellationToken);
}
