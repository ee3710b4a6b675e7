using System.Data;
using System.Runtime.CompilerServices;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Storage.Relational;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LiveChat.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL store: every store port of LiveChat.Core in one database, which several host processes can share
/// (feature X3).
/// </summary>
/// <remarks>
/// <para>
/// Every method is one transaction. Writes run at READ COMMITTED and take row locks in a fixed order (the conversation
/// row, then agent rows in ordinal order of their ids), so that concurrent writers, in this process or another, wait for
/// each other instead of failing or deadlocking:
/// </para>
/// <list type="bullet">
/// <item>a new conversation's number comes from a per-workspace counter row incremented in the same transaction as the
/// insert, so numbers stay gap-free and unique;</item>
/// <item>a commit or an append locks the conversation row (<c>SELECT … FOR UPDATE</c>) before checking its version, and
/// an append takes the next sequence number under that lock;</item>
/// <item>appends, the hot path of posting, are group-committed: one writer per store takes every append waiting at that
/// moment into one transaction, which locks all their conversations in one statement in key order and writes all their
/// messages in one insert (see <see cref="PostgreSqlAppendQueue"/>). An append is acknowledged only after that
/// transaction committed, so concurrent posters share a WAL flush instead of paying one each;</item>
/// <item>an assignment reserves the agent's capacity with one conditional <c>UPDATE</c> that also checks their status
/// and, when the commit asks for it, their last heartbeat, so no agent goes over capacity or takes a conversation
/// after their presence lapsed.</item>
/// </list>
/// <para>
/// A lost race is a <see cref="ConcurrencyConflictException"/>, as with the other stores: it comes from the version
/// check under the lock, never from a database error. The only database error mapped is a unique violation of a
/// conversation's id when two callers create the same conversation at once, which becomes the same
/// <see cref="ArgumentException"/> as a create of an existing one. Reads of more than one statement run in one
/// REPEATABLE READ transaction, so they see one snapshot. Serialization failures and deadlocks cannot happen by this
/// design; anything else the server or the driver reports is logged and surfaces as
/// <see cref="StoreUnavailableException"/> with the driver's exception inside, never as a driver type.
/// </para>
/// <para>Thread-safe. Connections come from one <see cref="NpgsqlDataSource"/>, released on dispose; dispose also
/// finishes the appends already queued and stops the writer.</para>
/// </remarks>
public sealed partial class PostgreSqlLiveChatStore : IConversationStore, IAgentStore, IIdentityLogStore, IConversationEraser, IAsyncDisposable, IDisposable
{
    private const string UniqueViolation = "23505";

    /// <summary>The most appends one group commit takes; bounds how long one transaction holds its row locks.</summary>
    private const int MaxBatch = 512;

    /// <summary>The shared statements, in PostgreSQL's dialect.</summary>
    private static RelationalStatements Sql => PostgreSqlDialect.Statements;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlAppendQueue? _appends;

    private PostgreSqlLiveChatStore(NpgsqlDataSource dataSource, int maxBatch)
    {
        _dataSource = dataSource;
        _appends = maxBatch > 1 ? new PostgreSqlAppendQueue(dataSource, maxBatch) : null;
    }

    /// <summary>The group-commit writer, for tests and benchmarks that measure batching; null when batching is off.</summary>
    internal PostgreSqlAppendQueue? Appends => _appends;

    /// <summary>Where driver failures are logged before they become <see cref="StoreUnavailableException"/>; set by <c>UsePostgreSql</c>.</summary>
    internal ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>Connects to the database, and creates or migrates its schema.</summary>
    /// <param name="connectionString">
    /// An Npgsql connection string naming an existing database, such as
    /// <c>Host=db;Database=livechat;Username=livechat;Password=…</c>. The tables go to the first schema of its search
    /// path; the user needs the right to create tables there on first use.
    /// </param>
    /// <param name="cancellationToken">Cancels connecting and migrating.</param>
    /// <exception cref="ArgumentException">The connection string is malformed or names no host.</exception>
    /// <exception cref="StoreSchemaException">The database was written by a newer version of LiveChat.Core.</exception>
    /// <exception cref="StoreUnavailableException">
    /// The server cannot be reached or refuses the login; the <see cref="NpgsqlException"/> is inside (a
    /// <see cref="PostgresException"/> when the server answered, for example an unknown database or a wrong password).
    /// </exception>
    public static Task<PostgreSqlLiveChatStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
        => OpenAsync(connectionString, MaxBatch, cancellationToken);

    /// <summary>
    /// Opens the store with a given group-commit batch limit for appends: 1 turns group commit off, so every append is
    /// one transaction of its own on its own pooled connection, as before batching (the benchmarks' baseline).
    /// </summary>
    internal static async Task<PostgreSqlLiveChatStore> OpenAsync(string connectionString, int maxBatch, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        var dataSource = CreateDataSource(connectionString);
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await RelationalSchema.MigrateAsync(connection, PostgreSqlDialect.Instance, cancellationToken).ConfigureAwait(false);
            }

            return new PostgreSqlLiveChatStore(dataSource, maxBatch);
        }
        catch (Exception e)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            if (StoreUnavailableException.IsStoreFailure(e))
            {
                throw new StoreUnavailableException("open", e);
            }

            throw;
        }
    }

    /// <summary>Connects and migrates, blocking; for dependency-injection factories, which cannot await.</summary>
    /// <inheritdoc cref="OpenAsync(string, CancellationToken)" />
    public static PostgreSqlLiveChatStore Open(string connectionString)
        => OpenAsync(connectionString).GetAwaiter().GetResult();

    /// <summary>Finishes the appends already queued, stops the writer, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_appends is not null)
        {
            await _appends.DisposeAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Finishes the appends already queued, stops the writer, then closes the connections.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
        {
            // Npgsql's message says what is wrong; the connection string itself is not repeated, as it may hold a password.
            throw new ArgumentException($"The connection string is not a valid Npgsql connection string: {ex.Message}", nameof(connectionString), ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The connection string names no server: set Host, for example Host=localhost.", nameof(connectionString));
        }

        return NpgsqlDataSource.Create(builder);
    }

    /// <summary>Runs <paramref name="work"/> in one READ COMMITTED transaction, committing only if it returns.</summary>
    /// <remarks><paramref name="refusal"/> turns a server error that is a refusal the port defines into that refusal.</remarks>
    private async ValueTask<T> WriteAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken,
        Func<PostgresException, Exception?>? refusal = null,
        [CallerMemberName] string operation = "")
        => await Reported(InTransactionAsync(IsolationLevel.ReadCommitted, work, cancellationToken), operation, refusal).ConfigureAwait(false);

    /// <summary>Runs <paramref name="work"/> in one REPEATABLE READ transaction: all its statements see one snapshot.</summary>
    private async ValueTask<T> ReadAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken, [CallerMemberName] string operation = "")
        => await Reported(InTransactionAsync(IsolationLevel.RepeatableRead, work, cancellationToken), operation).ConfigureAwait(false);

    /// <summary>Awaits <paramref name="work"/>; a driver or server failure becomes a logged <see cref="StoreUnavailableException"/>.</summary>
    private async Task<T> Reported<T>(Task<T> work, string operation, Func<PostgresException, Exception?>? refusal = null)
    {
        try
        {
            return await work.ConfigureAwait(false);
        }
        catch (PostgresException e) when (refusal?.Invoke(e) is { } refused)
        {
            throw refused;
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

    /// <summary>Runs <paramref name="work"/> in one transaction on a pooled connection; it rolls back unless the work returns.</summary>
    private async Task<T> InTransactionAsync<T>(
        IsolationLevel isolation, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
        => new(sql, connection, transaction);

    private static async Task<Conversation?> SelectConversationAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, WorkspaceId workspace, ConversationId conversationId, bool forUpdate, CancellationToken cancellationToken)
    {
        using var command = Sql.FindConversation(connection, transaction, workspace, conversationId, forUpdate);
        return await DbReads.FirstAsync(command, Sql.ReadConversation, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Conversation> RequireConversationAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, WorkspaceId workspace, ConversationId conversationId, bool forUpdate, CancellationToken cancellationToken)
        => await SelectConversationAsync(connection, transaction, workspace, conversationId, forUpdate, cancellationToken).ConfigureAwait(false)
            ?? throw new ConversationNotFoundException(workspace, conversationId);

    private static async Task<Agent?> SelectAgentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken)
    {
        using var command = RelationalStatements.FindAgent(connection, transaction, workspace, agentId);
        return await DbReads.FirstAsync(command, RelationalRows.ReadAgent, cancellationToken).ConfigureAwait(false);
    }
}
