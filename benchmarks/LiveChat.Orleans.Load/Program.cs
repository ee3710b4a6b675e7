// Cluster load driver (issue 18, feature X7). Needs a PostgreSQL server: LIVECHAT_POSTGRES names a superuser's
// maintenance database (benchmarks/run.sh and tests/postgres.sh start a throwaway one); each deployment gets a fresh
// database. Run: dotnet run -c Release --project benchmarks/LiveChat.Orleans.Load [-- SECONDS | --memory-only]
// Prints Markdown tables: memory per waiting conversation, per router grain activation and per conversation grain
// activation on one silo, then (unless --memory-only) the
// single-process PostgreSQL deployment, 1 silo and 3 silos (all in this process, silos over loopback TCP).
// With "-- agents N": only the load time of one workspace's routing table with N present agents, on 3 silos.
using System.Globalization;
using LiveChat.Orleans.Load;
using LiveChat.Storage.PostgreSql.Tests;

if (args is ["agents", var count])
{
    _ = PostgresServer.MaintenanceConnectionString;
    Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
    await using var database = await TempDatabase.CreateAsync();
    await using var deployment = await Deployment.StartAsync(database.ConnectionString, 3);
    var r = await AgentLoadRun.RunAsync(deployment, 3, int.Parse(count, CultureInfo.InvariantCulture), rounds: 5);
    Console.WriteLine("| Routing table load, one workspace | Silos | Agents | Rounds | Median (ms) | Min (ms) | Max (ms) |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    Console.WriteLine(FormattableString.Invariant($"| present agents, heartbeats in agent grains | {r.Silos} | {r.Agents} | {r.Rounds} | {r.MedianMs:0.0} | {r.MinMs:0.0} | {r.MaxMs:0.0} |"));
    Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    return;
}

var memoryOnly = args.Contains("--memory-only");
var seconds = args.Length > 0 && !memoryOnly ? double.Parse(args[0], CultureInfo.InvariantCulture) : 15;
var measured = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(3);
const int Workers = 16;
_ = PostgresServer.MaintenanceConnectionString; // fails at once, saying what to set, without a server

Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
// Memory first, in a fresh process: the throughput runs' silos leave garbage that later collections would count.
{
    await using var database = await TempDatabase.CreateAsync();
    await using var silo = await Deployment.StartAsync(database.ConnectionString, 1);
    var m = await MemoryRun.RunAsync(silo, conversations: 4_000, activations: 4_000);
    Console.WriteLine();
    Console.WriteLine("| Measure (1 silo, GC heap after a full collection) | N | Bytes each | Per GB |");
    Console.WriteLine("| --- | ---: | ---: | ---: |");
    Console.WriteLine(FormattableString.Invariant($"| Waiting conversation (router grain's table) | {m.Conversations} | {m.BytesPerConversation:0} | {1024d * 1024 * 1024 / m.BytesPerConversation:0} |"));
    Console.WriteLine(FormattableString.Invariant($"| Router grain activation (empty workspace) | {m.Activations} | {m.BytesPerActivation:0} | {m.ActivationsPerGb:0} |"));
    Console.WriteLine(FormattableString.Invariant(
        $"| Conversation grain activation (one conversation, one visitor post) | {m.ConversationGrains} | {m.BytesPerConversationGrain:0} | {m.ConversationGrainsPerGb:0} |"));
}

if (memoryOnly)
{
    Console.WriteLine();
    Console.WriteLine($"load average after memory: {File.ReadAllText("/proc/loadavg").Trim()}");
    return;
}

Console.WriteLine();
Console.WriteLine($"load average after memory: {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine();
Console.WriteLine($"| Deployment | Visitor workers | Measured | Assignments | Assignments/s | Visitor posts | p50 post (ms) | p99 post (ms) |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var (name, silos) in new[] { ("single process, PostgreSQL", 0), ("1 silo", 1), ("3 silos", 3) })
{
    await using var database = await TempDatabase.CreateAsync();
    await using var deployment = await Deployment.StartAsync(database.ConnectionString, silos);
    var r = await ThroughputRun.RunAsync(name, deployment, Workers, warmUp, measured);
    Console.WriteLine(FormattableString.Invariant(
        $"| {r.Deployment} | {r.Workers} | {r.Measured.TotalSeconds:0} s | {r.Assignments} | {r.AssignmentsPerSecond:0.0} | {r.Posts} | {r.P50Ms:0.0} | {r.P99Ms:0.0} |"));
}

Console.WriteLine();
Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
