using System.Diagnostics;
using LiveChat.Core.Testing;
using LiveChat.Storage.PostgreSql.Tests;
using Npgsql;

namespace LiveChat.Orleans.ProcessTests;

/// <summary>
/// The run X7_SiloKillTests checks, once for all its facts: three silo processes on one PostgreSQL under steady load in
/// four workspaces (in each, every silo runs two visitors and two agents of capacity 2), then the silo
/// hosting the most router grains is killed with SIGKILL mid-run; the survivors' load goes on, then stops, and three
/// spare agents come online through a survivor.
/// </summary>
public sealed class SiloKillRun : IAsyncLifetime
{
    public const int Capacity = 2;
    public const int SpareCapacity = 50;
    public static readonly TimeSpan PresenceTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan RequeueAfter = TimeSpan.FromSeconds(3);

    /// <summary>About how long the survivors take to declare a silent silo dead (SiloHost's tuned failure detection).</summary>
    public static readonly TimeSpan FailureDetection = TimeSpan.FromSeconds(3);

    /// <summary>The victim's workspaces' conversations waiting for an agent.</summary>
    private const string Waiting = "SELECT COUNT(*) FROM conversations WHERE workspace = ANY(@workspaces) AND state = 1";

    /// <summary>Conversations held by the victim's agents (in any workspace: their connection was to the victim).</summary>
    private const string Held = "SELECT COUNT(*) FROM conversations WHERE state = 2 AND assigned_agent = ANY(@agents)";

    private ClusterRun? _cluster;

    public ClusterRun Cluster => _cluster ?? throw new InvalidOperationException("The run did not start.");

    public SiloProcess Victim { get; private set; } = null!;

    /// <summary>The workspaces whose router grain was active on the victim when it was killed.</summary>
    public IReadOnlyList<string> RoutedByVictim { get; private set; } = [];

    /// <summary>The agents whose connection (status and heartbeats) was to the victim.</summary>
    public IReadOnlyList<string> VictimAgents { get; private set; } = [];

    /// <summary>From the kill until none of the victim's workspaces' conversations waited; null if that never came.</summary>
    public TimeSpan? WaitingRoutedAfter { get; private set; }

    /// <summary>From the kill until the victim's agents held no conversation (requeued, then routed); null if never.</summary>
    public TimeSpan? HeldRequeuedAfter { get; private set; }

    /// <summary>Right after the kill: the victim's workspaces' conversations waiting for an agent.</summary>
    public long WaitingAtKill { get; private set; }

    /// <summary>Right after the kill: the victim's workspaces' conversations held by the victim's agents.</summary>
    public long HeldAtKill { get; private set; }

    /// <summary>Where the victim's workspaces' router grains are active afterwards.</summary>
    public Dictionary<string, string> RoutersAfter { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresServer.Variable)))
        {
            return; // every fact is skipped (PostgresFact)
        }

        _cluster = await ClusterRun.StartAsync(4, "--presence-timeout", $"{PresenceTimeout.TotalSeconds}", "--requeue-after", $"{RequeueAfter.TotalSeconds}");
        var silos = Cluster.Silos;
        foreach (var ws in Cluster.Workspaces)
        {
            await Cluster.Primary.RunAsync($"setup {ws} 6 {Capacity}", $"SETUP {ws}");
            for (var spare = 0; spare < 3; spare++)
            {
                await Cluster.Primary.RunAsync($"register {ws} spare-{spare} {SpareCapacity}", $"REGISTERED {ws}");
            }
        }

        await InstallHighWaterAsync(Cluster.Database);
        for (var s = 0; s < silos.Count; s++)
        {
            foreach (var ws in Cluster.Workspaces)
            {
                await silos[s].RunAsync($"load {ws} 2 agent-{2 * s:D2},agent-{2 * s + 1:D2}", $"LOADING {ws}");
            }
        }

        await Cluster.Primary.WaitAsync(_ => Cluster.Acknowledged("MSG").Count() >= 300, "300 acknowledged messages under load", TimeSpan.FromSeconds(60));
        (Victim, var routed) = Cluster.ChooseVictim(await Cluster.RoutersAsync(Cluster.Primary));
        RoutedByVictim = routed;
        var index = silos.ToList().IndexOf(Victim);
        VictimAgents = [$"agent-{2 * index:D2}", $"agent-{2 * index + 1:D2}"];

        // Mid-run: the victim is still acknowledging calls when it dies, and its agents hold conversations (what the
        // requeue check is about; their agents end and claim all along, so this comes within moments).
        var victimLines = Victim.Lines.Count;
        await Victim.WaitAsync(l => l.Count >= victimLines + 20, "the victim to acknowledge 20 more calls");
        await Eventually.HoldsAsync(async () => await CountAsync(Held) > 0, "the victim's agents to hold a conversation", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        await Victim.KillAsync();
        var killed = Stopwatch.StartNew();
        WaitingAtKill = await CountAsync(Waiting);
        HeldAtKill = await CountAsync(Held);
        var survivors = silos.Where(s => s != Victim).ToList();

        // The load goes on through the survivors: 100 more messages acknowledged after the kill.
        var before = survivors.Sum(s => s.Lines.Count(l => l.StartsWith("MSG ", StringComparison.Ordinal)));
        await survivors[0].WaitAsync(
            _ => survivors.Sum(s => s.Lines.Count(l => l.StartsWith("MSG ", StringComparison.Ordinal))) >= before + 100,
            "the survivors to acknowledge 100 messages after the kill", TimeSpan.FromSeconds(60));
        foreach (var survivor in survivors)
        {
            await survivor.RunAsync("stop", "STOPPED");
        }

        // Room for everything still waiting: three spare agents come online through a survivor.
        foreach (var ws in Cluster.Workspaces)
        {
            for (var spare = 0; spare < 3; spare++)
            {
                await survivors[0].RunAsync($"online {ws} spare-{spare}", $"ONLINE {ws} spare-{spare}");
            }
        }

        WaitingRoutedAfter = await SinceKillAsync(Waiting, killed, "the victim's workspaces' waiting conversations to be routed by the survivors");
        HeldRequeuedAfter = await SinceKillAsync(Held, killed, "the victim's agents' conversations to be requeued after their presence lapsed");
        RoutersAfter = await Cluster.RoutersAsync(survivors[0]);
    }

    /// <summary>How long after the kill <paramref name="sql"/> counted nothing (checked for 45 s); null if it never did.</summary>
    private async Task<TimeSpan?> SinceKillAsync(string sql, Stopwatch killed, string because)
    {
        try
        {
            await Eventually.HoldsAsync(async () => await CountAsync(sql) == 0, because, TimeSpan.FromSeconds(45), TimeSpan.FromMilliseconds(200));
            return killed.Elapsed;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Runs a COUNT over the database with the victim's workspaces and agents as parameters.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("workspaces", RoutedByVictim.ToArray());
        command.Parameters.AddWithValue("agents", VictimAgents.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Reads rows of the database as string arrays.</summary>
    public async Task<List<string[]>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Records every agent's highest open count as it changes, so "ever over capacity" is exact, not sampled.</summary>
    private static Task InstallHighWaterAsync(TempDatabase database) => database.ExecuteAsync("""
        CREATE TABLE load_high_water (workspace text, agent text, most integer NOT NULL, PRIMARY KEY (workspace, agent));
        CREATE FUNCTION record_load() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO load_high_water VALUES (NEW.workspace, NEW.id, NEW.open_conversations)
            ON CONFLICT (workspace, agent) DO UPDATE SET most = GREATEST(load_high_water.most, EXCLUDED.most);
            RETURN NEW;
        END $$;
        CREATE TRIGGER record_load AFTER UPDATE OF open_conversations ON agents FOR EACH ROW EXECUTE FUNCTION record_load();
        """);
}
