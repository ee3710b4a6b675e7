using LiveChat.Core;
using LiveChat.Core.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>
/// Hosts that start together on an empty database all come up: the schema steps run one after another under the
/// database's lock. PostgreSQL's <c>CREATE TABLE IF NOT EXISTS</c> alone fails when two sessions run it at once (a
/// unique violation on its catalog), which a CI run met when host checks started in parallel.
/// </summary>
public sealed class PostgreSqlConcurrentStartTests(SharedDatabase shared) : IClassFixture<SharedDatabase>
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task HostsStartingTogether_OnAnEmptySchema_AllComeUp()
    {
        var (connectionString, cleanup) = await shared.CreateSchemaAsync();
        try
        {
            for (var round = 0; round < 3; round++)
            {
                var hosts = new RestartHosts(b => b.UsePostgreSql(connectionString));
                var started = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => hosts.StartAsync())));
                try
                {
                    foreach (var host in started)
                    {
                        (await host.GetRequiredService<LiveChatEngine>().Identity.GetSettingsAsync(Acme)).Should().NotBeNull();
                    }
                }
                finally
                {
                    foreach (var host in started)
                    {
                        await host.DisposeAsync();
                    }
                }

                await DropStateTablesAsync(connectionString);
            }
        }
        finally
        {
            await cleanup();
        }
    }

    private static async Task DropStateTablesAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "DROP TABLE IF EXISTS livechat_workspace_settings, livechat_playbooks, livechat_playbook_runs, livechat_due_work", connection);
        await command.ExecuteNonQueryAsync();
    }
}
