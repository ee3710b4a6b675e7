using LiveChat.Storage.PostgreSql.Tests;

namespace LiveChat.Orleans.ProcessTests;

/// <summary>
/// Three silo processes on one fresh database and a fresh cluster id, clustered on PostgreSQL (membership and reminders in
/// that database, <c>UseLiveChatPostgreSql</c>): A starts first, B and C join. The victim is the silo hosting the most
/// router grains of <see cref="Workspaces"/> (with no primary silo, any of the three may die).
/// </summary>
public sealed class ClusterRun : IAsyncDisposable
{
    /// <summary>How long a silo process may take to start and join on a loaded 2-core machine.</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    private ClusterRun(TempDatabase database, SiloProcess[] silos, string[] workspaces)
    {
        Database = database;
        Silos = silos;
        Workspaces = workspaces;
    }

    public TempDatabase Database { get; }

    /// <summary>A, B and C.</summary>
    public IReadOnlyList<SiloProcess> Silos { get; }

    /// <summary>Silo A, through which the tests set up their workspaces.</summary>
    public SiloProcess Primary => Silos[0];

    public IReadOnlyList<string> Workspaces { get; }

    /// <summary>Starts the database and three silos with the given extra options, and waits until all three joined.</summary>
    public static async Task<ClusterRun> StartAsync(int workspaces, params string[] options)
    {
        options = ["--clustering", "postgres", .. options];
        var database = await TempDatabase.CreateAsync();
        var clusterId = $"c{Guid.NewGuid():N}";
        var primary = SiloProcess.Start("A", database.ConnectionString, clusterId, null, options);
        await primary.WaitAsync(l => l.Any(x => x.StartsWith("READY", StringComparison.Ordinal)), "silo A to start", StartDeadline);
        var others = new[] { "B", "C" }.Select(n => SiloProcess.Start(n, database.ConnectionString, clusterId, primary, options)).ToArray();
        foreach (var silo in others)
        {
            await silo.WaitAsync(l => l.Any(x => x.StartsWith("READY", StringComparison.Ordinal)), $"silo {silo.Name} to join", StartDeadline);
        }

        return new ClusterRun(database, [primary, .. others], [.. Enumerable.Range(0, workspaces).Select(i => $"ws-{i}")]);
    }

    /// <summary>Where each workspace's router grain is active now, as silo names (A, B, C).</summary>
    public async Task<Dictionary<string, string>> RoutersAsync(SiloProcess asking)
    {
        var before = asking.Lines.Count;
        await asking.RunAsync($"routers {string.Join(' ', Workspaces)}", "ROUTERS");
        return asking.Lines.Skip(before).Where(l => l.StartsWith("ROUTER ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[1], p => Silos.Single(s => s.Address == p[2]).Name);
    }

    /// <summary>The silo hosting the most router grains, and the workspaces whose router it hosts.</summary>
    public (SiloProcess Victim, string[] Routed) ChooseVictim(Dictionary<string, string> routers)
    {
        var victim = Silos.OrderByDescending(s => routers.Count(r => r.Value == s.Name)).First();
        var routed = routers.Where(r => r.Value == victim.Name).Select(r => r.Key).ToArray();
        routed.Should().NotBeEmpty($"a router grain of {Workspaces.Count} workspaces should be active on some silo (routers: {string.Join(", ", routers)})");
        return (victim, routed);
    }

    /// <summary>Every line every silo printed that starts with <paramref name="prefix"/>, split on spaces.</summary>
    public IEnumerable<string[]> Acknowledged(string prefix)
        => Silos.SelectMany(s => s.Lines).Where(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)).Select(l => l.Split(' '));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos.Reverse())
        {
            await silo.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
