using LiveChat.Core.Testing;
using LiveChat.Orleans.PostgreSql;
using LiveChat.Storage.PostgreSql.Tests;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Hosting;

namespace LiveChat.Orleans.Tests.Postgres;

/// <summary>
/// X7: silos cluster and keep reminders on PostgreSQL through Orleans' ADO.NET providers on our own schema, migrated by
/// the silos themselves (<c>UseLiveChatPostgreSql</c>). Each test has a fresh database and a fresh cluster id.
/// </summary>
public sealed class X7_PostgreSqlClusteringTests
{
    private const int Active = 3;
    private const int Dead = 6;

    [PostgresFact]
    public async Task UseLiveChatPostgreSql_ThreeSilosOnAnEmptyDatabase_FormOneCluster()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var cluster = await SiloCluster.StartAsync(s => s.AddLiveChat(), postgres: database.ConnectionString);

        var statuses = await StatusesAsync(database, cluster.ClusterId);
        statuses.Should().HaveCount(3).And.AllBeEquivalentTo(Active);
        var queries = await database.ScalarAsync("SELECT count(*) FROM OrleansQuery");
        queries.Should().Be((long)(OrleansClusteringQueries.ByKey.Count + OrleansReminderQueries.ByKey.Count));
    }

    [PostgresFact]
    public async Task UseLiveChatPostgreSql_SiloStopped_ItsMembershipRowIsMarkedDead()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var cluster = await SiloCluster.StartAsync(s => s.AddLiveChat(), postgres: database.ConnectionString);

        await cluster.StopAsync(cluster.Handles[^1]);

        var statuses = await StatusesAsync(database, cluster.ClusterId);
        statuses.Should().BeEquivalentTo([Active, Active, Dead]);
    }

    [PostgresFact]
    public async Task UseLiveChatPostgreSql_SiloKilled_TheSurvivorsMarkItsRowDead()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var cluster = await SiloCluster.StartAsync(s => s.AddLiveChat(), postgres: database.ConnectionString);

        await cluster.KillAsync(cluster.Handles[^1]);

        await Eventually.HoldsAsync(
            async () => (await StatusesAsync(database, cluster.ClusterId)).Count(s => s == Dead) == 1,
            "the survivors probe the killed silo, vote it dead and write that into its row");
        (await StatusesAsync(database, cluster.ClusterId)).Should().BeEquivalentTo([Active, Active, Dead]);
    }

    [PostgresFact]
    public async Task Reminder_SiloHoldingTheGrainKilled_FiresOnASurvivor()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var cluster = await SiloCluster.StartAsync(
            s => s.AddLiveChat().Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)),
            postgres: database.ConnectionString);
        var key = Guid.NewGuid().ToString("N");
        var grains = cluster.Services.GetRequiredService<IGrainFactory>();

        // Due well after the kill, so the first tick can only come from a survivor.
        var holder = await grains.GetGrain<IReminderProbeGrain>(key).StartAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2));
        var handle = cluster.Handles.Single(h => h.SiloAddress.ToString() == holder);
        await cluster.KillAsync(handle);

        await Eventually.HoldsAsync(() => ReminderProbeLog.Of(key).Count > 0, "the reminder is kept in PostgreSQL, not in the dead silo");
        ReminderProbeLog.Of(key).Should().NotContain(holder);
        var stored = await database.ScalarAsync($"SELECT count(*) FROM livechat_reminders WHERE grain_id LIKE '%{key}%'");
        stored.Should().Be(1L);
    }

    [PostgresFact]
    public async Task Migration_EightSilosOnAnEmptyDatabaseAtOnce_AllSucceed()
    {
        await using var database = await TempDatabase.CreateAsync();

        // Each as a silo runs it at the first stage of its start; the advisory lock makes them take turns.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => new OrleansSchemaMigration(database.ConnectionString).MigrateAsync(CancellationToken.None))));

        var tables = await database.ScalarAsync(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('orleansquery', 'livechat_silo_table_versions', 'livechat_silos', 'livechat_reminders')");
        tables.Should().Be(4L);
    }

    [Fact]
    public void UseLiveChatPostgreSql_MalformedConnectionString_ThrowsArgumentException()
    {
        new ServiceCollection().AddLiveChat().UseOrleans(silo =>
        {
            var act = () => silo.UseLiveChatPostgreSql("Host=127.0.0.1;NoSuchKeyword=1");
            act.Should().Throw<ArgumentException>().WithParameterName("connectionString");
            var blank = () => silo.UseLiveChatPostgreSql(" ");
            blank.Should().Throw<ArgumentException>();
        });
    }

    private static async Task<List<int>> StatusesAsync(TempDatabase database, string clusterId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM livechat_silos WHERE deployment_id = @id ORDER BY status", connection);
        command.Parameters.AddWithValue("id", clusterId);
        var statuses = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            statuses.Add(reader.GetInt32(0));
        }

        return statuses;
    }
}
