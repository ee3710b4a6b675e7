using StackExchange.Redis;

namespace LiveChat.Core.Benchmarks.Routing;

/// <summary>
/// External baseline for routing: Chatwoot's round robin v1 (its inbox round-robin service fed by its online-status
/// tracker), re-created against a real Redis server. One <see cref="AssignAsync"/> is one assignment.
/// </summary>
/// <remarks>
/// <para>
/// An assignment sends these commands, each awaited before the next, as Chatwoot's synchronous Ruby client does:
/// </para>
/// <list type="number">
/// <item><c>ZRANGEBYSCORE presence now-20s now</c>: the agents whose last heartbeat is fresh.</item>
/// <item><c>HMGET status id…</c> for those agents: an agent counts as online unless its status says otherwise
/// (Chatwoot treats a missing status as online).</item>
/// <item><c>LRANGE rotation 0 -1</c>: the inbox's whole round-robin list.</item>
/// <item>In the client: intersect the list with the online agents, keeping the list's order, and pick the one nearest
/// the tail (the one assigned longest ago).</item>
/// <item><c>LREM rotation 0 id</c>, then <c>LPUSH rotation id</c>: move the picked agent to the head.</item>
/// </list>
/// <para>
/// Left out, so this is a lower bound for Chatwoot: the second <c>LRANGE</c> with which Chatwoot checks the list
/// against the inbox's members from SQL, and the six to eight SQL queries of each assignment. As in Chatwoot, the steps
/// are not atomic: two callers at once could pick the same agent.
/// </para>
/// <para>
/// Population, for agent ids 1 to <see cref="AgentCount"/>, all members of one inbox: every 4th agent's heartbeat is an
/// hour old (offline); of the rest, every agent whose id is a multiple of 10 has the status <c>busy</c>; everyone else
/// has a heartbeat under 15 s old and the status <c>online</c>. The presence window is evaluated at the moment the
/// baseline was created, as if the online agents had just sent their heartbeats: the heartbeats are written once, and a
/// live clock would let them go stale during a run. The server does the same work either way. Heartbeat writes
/// (a <c>ZADD</c> per agent every few seconds in a live system) are not part of an assignment and are not counted.
/// </para>
/// <para>Not thread-safe: one assignment at a time, as a benchmark calls it.</para>
/// </remarks>
public sealed class ChatwootRoundRobinBaseline : IAsyncDisposable
{
    /// <summary>Heartbeats older than this count as offline (Chatwoot's presence window).</summary>
    public static readonly TimeSpan PresenceWindow = TimeSpan.FromSeconds(20);

    private static readonly RedisValue Online = "online";
    private static readonly RedisValue Busy = "busy";

    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _database;
    private readonly RedisKey _rotation;
    private readonly RedisKey _presence;
    private readonly RedisKey _status;
    private readonly double _windowStart;
    private readonly double _windowEnd;

    private ChatwootRoundRobinBaseline(ConnectionMultiplexer connection, string prefix, int agentCount, double now)
    {
        _connection = connection;
        _database = connection.GetDatabase();
        _rotation = $"{prefix}inbox:1:round-robin";
        _presence = $"{prefix}presence:users";
        _status = $"{prefix}status:users";
        _windowStart = now - PresenceWindow.TotalSeconds;
        _windowEnd = now;
        AgentCount = agentCount;
    }

    /// <summary>The number of agents in the inbox's round-robin list.</summary>
    public int AgentCount { get; }

    /// <summary>The number of agents an assignment may pick: fresh heartbeat and not busy.</summary>
    public int OnlineAgentCount => Enumerable.Range(1, AgentCount).Count(IsOnline);

    /// <summary>
    /// Connects to Redis and writes the inbox's round-robin list, the agents' heartbeats and their statuses under keys
    /// of this instance's own, so several instances can share one server.
    /// </summary>
    /// <param name="endpoint">The Redis server, as <c>host:port</c> (see <see cref="RoutingServers.Redis"/>).</param>
    /// <param name="agentCount">The number of agents in the inbox, at least 10 so that some are online.</param>
    /// <param name="timeProvider">The clock the presence window is anchored to, once; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The baseline, ready for <see cref="AssignAsync"/>.</returns>
    public static async Task<ChatwootRoundRobinBaseline> CreateAsync(string endpoint, int agentCount, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(agentCount, 10);

        var now = (double)(timeProvider ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var baseline = new ChatwootRoundRobinBaseline(connection, $"lc-bench:{Guid.NewGuid():N}:", agentCount, now);
        try
        {
            await baseline.PopulateAsync(now);
            return baseline;
        }
        catch
        {
            await baseline.DisposeAsync();
            throw;
        }
    }

    /// <summary>Assigns one conversation: picks the online agent assigned longest ago and rotates it to the head.</summary>
    /// <returns>The picked agent's id, or 0 when no agent is online (Chatwoot then leaves the conversation unassigned).</returns>
    public async Task<long> AssignAsync()
    {
        var fresh = await _database.SortedSetRangeByScoreAsync(_presence, _windowStart, _windowEnd);
        if (fresh.Length == 0)
        {
            return 0;
        }

        var statuses = await _database.HashGetAsync(_status, fresh);
        var online = new HashSet<RedisValue>(fresh.Length);
        for (var i = 0; i < fresh.Length; i++)
        {
            if (statuses[i].IsNull || statuses[i] == Online)
            {
                online.Add(fresh[i]);
            }
        }

        var rotation = await _database.ListRangeAsync(_rotation);
        for (var i = rotation.Length - 1; i >= 0; i--)
        {
            if (online.Contains(rotation[i]))
            {
                await _database.ListRemoveAsync(_rotation, rotation[i]);
                await _database.ListLeftPushAsync(_rotation, rotation[i]);
                return (long)rotation[i];
            }
        }

        return 0;
    }

    /// <summary>Deletes this instance's keys and closes the connection.</summary>
    /// <returns>A task that completes once both are done.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_connection.IsConnected)
        {
            await _database.KeyDeleteAsync([_rotation, _presence, _status]);
        }

        await _connection.DisposeAsync();
    }

    private static bool IsOnline(int agent) => agent % 4 != 0 && agent % 10 != 0;

    private async Task PopulateAsync(double now)
    {
        var ids = Enumerable.Range(1, AgentCount).ToArray();
        await _database.KeyDeleteAsync([_rotation, _presence, _status]);
        await _database.ListRightPushAsync(_rotation, [.. ids.Select(id => (RedisValue)id)]);
        await _database.SortedSetAddAsync(_presence, [.. ids.Select(id => new SortedSetEntry(id, id % 4 == 0 ? now - 3600 : now - (id % 15)))]);
        await _database.HashSetAsync(_status, [.. ids.Select(id => new HashEntry(id, id % 10 == 0 ? Busy : Online))]);
    }
}
