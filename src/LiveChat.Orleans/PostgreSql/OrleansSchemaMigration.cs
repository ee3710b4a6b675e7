using Npgsql;
using Orleans.Runtime;

namespace LiveChat.Orleans.PostgreSql;

/// <summary>
/// Brings a PostgreSQL database to the schema of <see cref="OrleansTables"/> and writes the providers' statements
/// (<see cref="OrleansClusteringQueries"/>, <see cref="OrleansReminderQueries"/>) into <c>OrleansQuery</c>, at the first
/// stage of a silo's start, before its membership table or reminder service reads them. Idempotent: every run creates
/// what is missing and rewrites the statements (so an upgraded package brings its own), in one transaction under a
/// transaction-scoped advisory lock, so silos that start together on an empty database wait for one another instead
/// of failing on the same <c>CREATE TABLE</c>. A failure rolls everything back and fails the silo's start.
/// </summary>
internal sealed class OrleansSchemaMigration(string connectionString) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>
    /// Serializes migrations of the Orleans tables of one database; a different key from the store's, so neither waits
    /// for the other. Any constant works; this one spells "lcorlean" in ASCII.
    /// </summary>
    private const long MigrationLockKey = 0x6C636F726C65616E;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(OrleansSchemaMigration), ServiceLifecycleStage.First, MigrateAsync);

    /// <summary>Applies the schema and the statements; see the type's remarks.</summary>
    /// <exception cref="NpgsqlException">The database is unreachable or refused a statement; nothing was changed.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await using var connectionScope = connection.ConfigureAwait(false);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
        foreach (var statement in OrleansTables.Create)
        {
            await ExecuteAsync(connection, statement, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (key, text) in OrleansClusteringQueries.ByKey.Concat(OrleansReminderQueries.ByKey))
        {
            var upsert = new NpgsqlCommand(
                """
                INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text)
                ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText
                """,
                connection);
            await using var upsertScope = upsert.ConfigureAwait(false);
            upsert.Parameters.AddWithValue("key", key);
            upsert.Parameters.AddWithValue("text", text);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using var commandScope = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
