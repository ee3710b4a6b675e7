using Npgsql;
using NpgsqlTypes;

namespace LiveChat.Core.Benchmarks.Routing;

/// <summary>
/// External baseline for routing: the usual SQL way to assign, a claim in one PostgreSQL transaction on one connection.
/// One <see cref="ClaimAsync"/> is one assignment.
/// </summary>
/// <remarks>
/// <para>A claim is one transaction of four round trips, with prepared statements:</para>
/// <list type="number">
/// <item><c>SELECT id FROM conv WHERE state = 'unassigned' ORDER BY queued_at LIMIT 1 FOR UPDATE SKIP LOCKED</c>
/// (sent together with <c>BEGIN</c>): the oldest waiting conversation that no other claimer holds.</item>
/// <item><c>SELECT id FROM agents WHERE online AND open &lt; cap ORDER BY open, last_assigned_at LIMIT 1 FOR UPDATE</c>:
/// the least busy available agent, longest idle first among equals.</item>
/// <item>One batch: the conversation becomes <c>assigned</c> to the agent, and the agent's <c>open</c> count goes up
/// by one with <c>last_assigned_at</c> set.</item>
/// <item><c>COMMIT</c>: with <c>durableCommit</c>, it returns once the WAL is flushed to disk (the server must run with
/// <c>fsync</c> on); without it, the connection runs with <c>synchronous_commit = off</c> and the flush happens in the
/// background.</item>
/// </list>
/// <para>
/// Tables live in a schema of this instance's own, created here and dropped by <see cref="DisposeAsync"/>. Agents 1 to
/// <see cref="AgentCount"/>: every 10th is offline; agent <c>id</c> starts with <c>id % 3</c> open conversations and a
/// <c>last_assigned_at</c> in the year 2000, in id order; <c>cap</c> is the same for all, large enough that the online
/// agents can take <see cref="ClaimsPerRound"/> more conversations between them (at least 5). The queue holds
/// <see cref="ClaimsPerRound"/> + 1,024 waiting conversations, so it never runs dry within a round.
/// </para>
/// <para>
/// Claims come in rounds: at most <see cref="ClaimsPerRound"/> claims, then <see cref="ResetAsync"/>, which is not part
/// of a claim and belongs outside the measured time. It puts every claimed conversation back in the queue with its
/// original place, gives every agent its starting load back and vacuums both tables, so every round starts from the
/// same state: the same backlog, the same loads, no dead rows left over from earlier rounds. A claim past the round's
/// limit throws rather than measuring an emptied queue or a full team.
/// </para>
/// <para>Not thread-safe: one claim at a time on the one connection, as a benchmark calls it.</para>
/// </remarks>
public sealed class PostgresClaimBaseline : IAsyncDisposable
{
    private const int Backlog = 1024;

    /// <summary>The <c>last_assigned_at</c> agent <c>id</c> starts a round with: in 2000, in id order.</summary>
    private const string StartingLastAssigned = "timestamptz '2000-01-01 00:00:00+00' + id * interval '1 second'";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _nextConversation;
    private readonly NpgsqlCommand _leastBusyAgent;
    private readonly NpgsqlBatch _assign;
    private readonly NpgsqlCommand _reset;
    private readonly NpgsqlCommand _vacuum;
    private int _claimsThisRound;

    private PostgresClaimBaseline(NpgsqlConnection connection, string schema, int agentCount, int claimsPerRound)
    {
        _connection = connection;
        Schema = schema;
        AgentCount = agentCount;
        ClaimsPerRound = claimsPerRound;

        _nextConversation = new NpgsqlCommand(
            $"SELECT id FROM {schema}.conv WHERE state = 'unassigned' ORDER BY queued_at LIMIT 1 FOR UPDATE SKIP LOCKED",
            connection);
        _leastBusyAgent = new NpgsqlCommand(
            $"SELECT id FROM {schema}.agents WHERE online AND open < cap ORDER BY open, last_assigned_at LIMIT 1 FOR UPDATE",
            connection);

        _assign = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"UPDATE {schema}.conv SET state = 'assigned', assignee = $1, assigned_at = now() WHERE id = $2")
                {
                    Parameters = { new() { NpgsqlDbType = NpgsqlDbType.Integer }, new() { NpgsqlDbType = NpgsqlDbType.Bigint } },
                },
                new NpgsqlBatchCommand($"UPDATE {schema}.agents SET open = open + 1, last_assigned_at = now() WHERE id = $1")
                {
                    Parameters = { new() { NpgsqlDbType = NpgsqlDbType.Integer } },
                },
            },
        };

        _reset = new NpgsqlCommand(
            $"""
            UPDATE {schema}.conv SET state = 'unassigned', assignee = NULL, assigned_at = NULL WHERE state = 'assigned';
            UPDATE {schema}.agents SET open = id % 3, last_assigned_at = {StartingLastAssigned}
                WHERE last_assigned_at >= timestamptz '2001-01-01 00:00:00+00';
            """,
            connection);

        // VACUUM refuses to run inside a transaction, and statements sent in one command share an implicit one.
        _vacuum = new NpgsqlCommand($"VACUUM {schema}.conv, {schema}.agents", connection);
    }

    /// <summary>The number of agents, online or not.</summary>
    public int AgentCount { get; }

    /// <summary>The most claims allowed between two calls of <see cref="ResetAsync"/>.</summary>
    public int ClaimsPerRound { get; }

    /// <summary>The schema holding this instance's tables.</summary>
    public string Schema { get; }

    /// <summary>Opens a connection, creates the schema and its tables, and fills them for the first round.</summary>
    /// <param name="connectionString">The server and database (see <see cref="RoutingServers.Postgres"/>); pooling is turned off for the one connection.</param>
    /// <param name="agentCount">The number of agents, at least 10 so that some are online.</param>
    /// <param name="claimsPerRound">The most claims between two calls of <see cref="ResetAsync"/>.</param>
    /// <param name="durableCommit">
    /// True to commit durably (<c>synchronous_commit</c> on, and the server must run with <c>fsync</c> on, or this
    /// throws); false to run the connection with <c>synchronous_commit = off</c>.
    /// </param>
    /// <returns>The baseline, ready for its first round.</returns>
    public static async Task<PostgresClaimBaseline> CreateAsync(string connectionString, int agentCount, int claimsPerRound, bool durableCommit)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(agentCount, 10);
        ArgumentOutOfRangeException.ThrowIfLessThan(claimsPerRound, 1);

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var baseline = new PostgresClaimBaseline(connection, $"lc_routing_{Guid.NewGuid():N}", agentCount, claimsPerRound);
        try
        {
            await baseline.SetCommitModeAsync(durableCommit);
            await baseline.CreateTablesAsync();
            await baseline.PrepareAsync();
            return baseline;
        }
        catch
        {
            await baseline.DisposeAsync();
            throw;
        }
    }

    /// <summary>Assigns the oldest waiting conversation to the least busy available agent, in one transaction.</summary>
    /// <returns>The id of the agent the conversation went to.</returns>
    /// <exception cref="InvalidOperationException">The round already had <see cref="ClaimsPerRound"/> claims.</exception>
    public async Task<long> ClaimAsync()
    {
        if (++_claimsThisRound > ClaimsPerRound)
        {
            throw new InvalidOperationException($"More than {ClaimsPerRound} claims since the last reset: call ResetAsync between rounds.");
        }

        await using var transaction = await _connection.BeginTransactionAsync();
        var conversation = await _nextConversation.ExecuteScalarAsync() as long?
            ?? throw new InvalidOperationException("No conversation is waiting.");
        var agent = await _leastBusyAgent.ExecuteScalarAsync() as int?
            ?? throw new InvalidOperationException("No agent is online with room for another conversation.");
        _assign.BatchCommands[0].Parameters[0].Value = agent;
        _assign.BatchCommands[0].Parameters[1].Value = conversation;
        _assign.BatchCommands[1].Parameters[0].Value = agent;
        await _assign.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return agent;
    }

    /// <summary>
    /// Starts a new round: puts the claimed conversations back in the queue, gives the agents their starting loads back
    /// and vacuums both tables. Not part of a claim: keep it out of the measured time.
    /// </summary>
    /// <returns>A task that completes once the round can start.</returns>
    public async Task ResetAsync()
    {
        await _reset.ExecuteNonQueryAsync();
        await _vacuum.ExecuteNonQueryAsync();
        _claimsThisRound = 0;
    }

    /// <summary>Drops the schema and closes the connection.</summary>
    /// <returns>A task that completes once both are done.</returns>
    public async ValueTask DisposeAsync()
    {
        await _nextConversation.DisposeAsync();
        await _leastBusyAgent.DisposeAsync();
        await _assign.DisposeAsync();
        await _reset.DisposeAsync();
        await _vacuum.DisposeAsync();
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", _connection);
            await drop.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }

    private async Task SetCommitModeAsync(bool durableCommit)
    {
        if (durableCommit)
        {
            await using var show = new NpgsqlCommand("SHOW fsync", _connection);
            var fsync = (string)(await show.ExecuteScalarAsync())!;
            if (fsync != "on")
            {
                throw new InvalidOperationException($"The PostgreSQL server runs with fsync={fsync}: commits would not be durable. Run benchmarks/run.sh.");
            }
        }

        await using var set = new NpgsqlCommand(durableCommit ? "SET synchronous_commit = on" : "SET synchronous_commit = off", _connection);
        await set.ExecuteNonQueryAsync();
    }

    private async Task CreateTablesAsync()
    {
        var online = AgentCount - (AgentCount / 10);
        var cap = Math.Max(5, 3 + ((ClaimsPerRound + online - 1) / online));
        await using var create = new NpgsqlCommand(
            $"""
            CREATE SCHEMA {Schema};
            CREATE TABLE {Schema}.agents (
                id integer PRIMARY KEY,
                online boolean NOT NULL,
                open integer NOT NULL,
                cap integer NOT NULL,
                last_assigned_at timestamptz NOT NULL);
            CREATE INDEX agents_least_busy ON {Schema}.agents (open, last_assigned_at) WHERE online;
            CREATE TABLE {Schema}.conv (
                id bigint PRIMARY KEY,
                state text NOT NULL,
                queued_at timestamptz NOT NULL,
                assignee integer,
                assigned_at timestamptz);
            CREATE INDEX conv_queue ON {Schema}.conv (queued_at) WHERE state = 'unassigned';
            INSERT INTO {Schema}.agents (id, online, open, cap, last_assigned_at)
                SELECT id, id % 10 <> 0, id % 3, {cap}, {StartingLastAssigned} FROM generate_series(1, {AgentCount}) AS id;
            INSERT INTO {Schema}.conv (id, state, queued_at)
                SELECT id, 'unassigned', timestamptz '2000-01-01 00:00:00+00' + id * interval '1 millisecond'
                FROM generate_series(1, {ClaimsPerRound + Backlog}) AS id;
            """,
            _connection);
        await create.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand($"VACUUM ANALYZE {Schema}.conv, {Schema}.agents", _connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private async Task PrepareAsync()
    {
        await _nextConversation.PrepareAsync();
        await _leastBusyAgent.PrepareAsync();
        await _assign.PrepareAsync();
    }
}
