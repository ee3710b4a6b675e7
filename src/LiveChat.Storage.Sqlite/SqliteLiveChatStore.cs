using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <summary>
/// The SQLite store: every store port of LiveChat.Core in one database file, in WAL mode (feature X3).
/// </summary>
/// <remarks>
/// <para>
/// Every method is one transaction, and a method that returns has committed with <c>synchronous=FULL</c>: an
/// acknowledged write survives a crash of the process or the machine. Writes of one process go through one gate, so
/// they never contend for SQLite's single writer lock; several processes sharing the file wait for each other up to
/// the connection's default timeout.
/// </para>
/// <para>Thread-safe. Dispose it to release the gate; connections come from Microsoft.Data.Sqlite's pool.</para>
/// </remarks>
public sealed partial class SqliteLiveChatStore : IConversationStore, IAgentStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private SqliteLiveChatStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (creating if needed) the database, and creates or migrates its schema.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, such as <c>Data Source=livechat.db</c>.</param>
    /// <exception cref="ArgumentException">The connection string is malformed or names an in-memory database.</exception>
    /// <exception cref="StoreSchemaException">The database was written by a newer version of LiveChat.Core.</exception>
    /// <exception cref="SqliteException">The file cannot be opened or written (missing folder, read-only, full disk).</exception>
    public static SqliteLiveChatStore Open(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"'{connectionString}' is not a valid SQLite connection string: {ex.Message}", nameof(connectionString), ex);
        }

        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("The SQLite store needs a database file; for an in-memory store use the default InMemoryLiveChatStore.", nameof(connectionString));
        }

        var store = new SqliteLiveChatStore(builder.ToString());
        using var connection = store.OpenConnection();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL";
            wal.ExecuteNonQuery();
        }

        SqliteSchema.Migrate(connection);
        return store;
    }

    /// <inheritdoc />
    public void Dispose() => _writeGate.Dispose();

    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE), committing only if it returns.</summary>
    private async ValueTask<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = OpenConnection();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private T Read<T>(Func<SqliteConnection, T> work)
    {
        using var connection = OpenConnection();
        return work(connection);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
