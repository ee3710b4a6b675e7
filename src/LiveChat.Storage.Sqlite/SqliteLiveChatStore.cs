using System.Runtime.CompilerServices;
using LiveChat.Core;
using LiveChat.Core.Storage;
using LiveChat.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveChat.Storage.Sqlite;

/// <summary>
/// The SQLite store: every store port of LiveChat.Core in one database file, in WAL mode (feature X3).
/// </summary>
/// <remarks>
/// <para>
/// Every write is atomic, and a method that returns has committed with <c>synchronous=FULL</c>: an acknowledged write
/// survives a crash of the process or the machine. Writes are group-committed: one writer per store drains every
/// write waiting at that moment into one transaction (each in its own savepoint), so concurrent posts share an fsync
/// instead of queueing for one each. Several processes sharing the file wait for each other up to the busy timeout.
/// </para>
/// <para>Thread-safe. Dispose it to finish queued writes and stop its writer; connections come from Microsoft.Data.Sqlite's pool.</para>
/// </remarks>
public sealed partial class SqliteLiveChatStore : IConversationStore, IAgentStore, IIdentityLogStore, IConversationEraser, IAsyncDisposable, IDisposable
{
    /// <summary>The most writes one group commit takes; bounds how long one transaction holds the file.</summary>
    private const int MaxBatch = 256;

    /// <summary>The shared statements, in SQLite's dialect.</summary>
    private static RelationalStatements Sql => SqliteDialect.Statements;

    private readonly string _connectionString;
    private readonly SqliteWriteQueue _writes;

    private readonly Action<SqliteConnection>? _onConnect;

    private SqliteLiveChatStore(string connectionString, int maxBatch, Action<SqliteConnection>? onConnect)
    {
        _connectionString = connectionString;
        _onConnect = onConnect;
        _writes = new SqliteWriteQueue(() => Connect(connectionString, onConnect), maxBatch);
    }

    /// <summary>The group-commit writer, for tests and benchmarks that measure batching.</summary>
    internal SqliteWriteQueue Writes => _writes;

    /// <summary>Where driver failures are logged before they become <see cref="StoreUnavailableException"/>; set by <c>UseSqlite</c>.</summary>
    internal ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>Opens (creating if needed) the database, and creates or migrates its schema.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, such as <c>Data Source=livechat.db</c>.</param>
    /// <exception cref="ArgumentException">The connection string is malformed or names an in-memory database.</exception>
    /// <exception cref="StoreSchemaException">The database was written by a newer version of LiveChat.Core.</exception>
    /// <exception cref="StoreUnavailableException">
    /// The file cannot be opened or written (missing folder, read-only, full disk); the <see cref="SqliteException"/> is inside.
    /// </exception>
    public static SqliteLiveChatStore Open(string connectionString) => Open(connectionString, MaxBatch);

    /// <summary>
    /// Opens the store with a given group-commit batch limit (1 turns group commit off, for benchmarks) and a hook run on
    /// every new connection (tests use it to simulate a full disk with <c>PRAGMA max_page_count</c>).
    /// </summary>
    internal static SqliteLiveChatStore Open(string connectionString, int maxBatch, Action<SqliteConnection>? onConnect = null)
    {
        var file = SqliteConnectionStrings.RequireFile(connectionString, "store", nameof(InMemoryLiveChatStore));

        // The schema is checked before the store (and its writer) exists, so a refused database leaves nothing running.
        try
        {
            using var connection = Connect(file);
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL";
            wal.ExecuteNonQuery();
            RelationalSchema.MigrateAsync(connection, SqliteDialect.Instance, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (StoreUnavailableException.IsStoreFailure(e))
        {
            throw new StoreUnavailableException("open", e);
        }

        return new SqliteLiveChatStore(file, maxBatch, onConnect);
    }

    /// <summary>Finishes the writes already queued, then stops the writer.</summary>
    public ValueTask DisposeAsync() => _writes.DisposeAsync();

    /// <summary>Finishes the writes already queued, then stops the writer.</summary>
    public void Dispose() => _writes.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static SqliteConnection Connect(string connectionString, Action<SqliteConnection>? onConnect = null)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        pragmas.ExecuteNonQuery();
        onConnect?.Invoke(connection);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> atomically in the next group commit; returns once that commit is durable. A write
    /// that throws changes nothing.
    /// </summary>
    private async ValueTask<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken, [CallerMemberName] string operation = "")
    {
        try
        {
            return await _writes.EnqueueAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreUnavailableException.IsStoreFailure(e))
        {
            throw StoreUnavailableException.Logged(operation, e, Logger);
        }
        catch (ObjectDisposedException e)
        {
            // Disposed with the engine's container while this call was in flight: refused as a call after the disposal is.
            throw new EngineStoppedException(e);
        }
    }

    private T Read<T>(Func<SqliteConnection, T> work, [CallerMemberName] string operation = "")
    {
        try
        {
            using var connection = Connect(_connectionString, _onConnect);
            return work(connection);
        }
        catch (Exception e) when (StoreUnavailableException.IsStoreFailure(e))
        {
            throw StoreUnavailableException.Logged(operation, e, Logger);
        }
        catch (ObjectDisposedException e)
        {
            // Disposed with the engine's container while this call was in flight: refused as a call after the disposal is.
            throw new EngineStoppedException(e);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
