using System.Threading.Channels;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Npgsql;

namespace LiveChat.Storage.PostgreSql;

/// <summary>
/// Group commit for appends: one writer loop per store drains every append waiting in the queue (up to a batch limit)
/// into one transaction, applied set-based by <see cref="PostgreSqlAppendBatch"/>, and one WAL flush.
/// </summary>
/// <remarks>
/// <para>
/// No caller is answered before the batch's COMMIT returned, so with <c>synchronous_commit=on</c> an acknowledged
/// append is durable. A refused append (unknown conversation, stale version, reused client id) is decided in C# and
/// writes nothing, so it never affects its batch-mates. If the transaction itself fails, nothing of it is stored and
/// every append of the batch fails with that error; the one exception is an error the server reports for the data of
/// the insert (SQLSTATE classes 22 and 23, such as a text PostgreSQL cannot store). An error answer means the
/// transaction did not commit, so each append is then tried again in a transaction of its own, and only the offending
/// one fails, as without batching. A connection lost during COMMIT leaves its outcome unknown: the batch fails and is
/// not retried, since a retry could store a message twice.
/// </para>
/// <para>
/// Without a queue every append is its own transaction on its own pooled connection, and concurrent posters each wait
/// for their own WAL flush (PostgreSQL lets concurrent commits share a flush, but each still pays a transaction's round
/// trips and a backend's CPU). The writer needs one connection, whatever the number of posters: it keeps its own
/// between batches, and opens a new one after a connection error.
/// </para>
/// </remarks>
internal sealed class PostgreSqlAppendQueue : IAsyncDisposable
{
    private const string DataException = "22";
    private const string IntegrityConstraintViolation = "23";

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxBatch;
    private readonly Channel<PostgreSqlPendingAppend> _queue =
        Channel.CreateUnbounded<PostgreSqlPendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    /// <summary>The writer's own connection, kept between batches; only the writer loop touches it.</summary>
    private NpgsqlConnection? _connection;
    private long _batches;
    private long _writes;

    public PostgreSqlAppendQueue(NpgsqlDataSource dataSource, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 2);
        _dataSource = dataSource;
        _maxBatch = maxBatch;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>How many transactions the writer committed.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>How many appends those transactions held, refused ones included.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Queues an append; the task completes once the transaction holding it committed, or failed.</summary>
    /// <remarks>Cancellation is honoured until the append is queued; after that it is decided with its batch.</remarks>
    public Task<AppendResult> EnqueueAsync(
        WorkspaceId workspace, ConversationId conversationId, long expectedVersion, MessageDraft draft, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var append = new PostgreSqlPendingAppend(workspace, conversationId, expectedVersion, draft);
        if (!_queue.Writer.TryWrite(append))
        {
            // Disposed with the engine's container, maybe while calls are still in flight: refused as any call after the
            // engine's disposal is (category Unavailable), and nothing was queued.
            throw new EngineStoppedException();
        }

        return append.Task;
    }

    /// <summary>Finishes the appends already queued, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PostgreSqlPendingAppend>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var append))
            {
                batch.Add(append);
            }

            await CommitAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }

        await DropConnectionAsync().ConfigureAwait(false);
    }

    /// <summary>Commits one batch and answers its callers; never throws, so the loop survives a failed batch.</summary>
    private async Task CommitAsync(List<PostgreSqlPendingAppend> batch)
    {
        try
        {
            if (!await TryCommitAsync(batch).ConfigureAwait(false))
            {
                // The insert was refused for the data of some append: isolate it, one transaction per append.
                foreach (var append in batch)
                {
                    await CommitAloneAsync(append).ConfigureAwait(false);
                }

                return;
            }
        }
        catch (Exception ex)
        {
            // The connection, BEGIN, a statement or COMMIT failed: nothing of the batch is acknowledged.
            foreach (var append in batch)
            {
                append.Fail(ex);
            }

            return;
        }

        foreach (var append in batch)
        {
            append.Complete();
        }
    }

    private async Task CommitAloneAsync(PostgreSqlPendingAppend append)
    {
        try
        {
            await TryCommitAsync([append]).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            append.Fail(ex);
            return;
        }

        append.Complete();
    }

    /// <summary>
    /// Applies and commits <paramref name="batch"/>; false, with nothing stored, when a batch of several was refused for
    /// its data.
    /// </summary>
    private async Task<bool> TryCommitAsync(List<PostgreSqlPendingAppend> batch)
    {
        var connection = _connection ??= await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        try
        {
            await PostgreSqlAppendBatch.ApplyAndCommitAsync(connection, batch, CancellationToken.None).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            // The server answered with an error, so the transaction did not commit; end it so the connection can go on.
            await RollBackAsync().ConfigureAwait(false);
            if (batch.Count > 1 && IsDataError(ex))
            {
                return false;
            }

            throw;
        }
        catch
        {
            // The connection broke (or something unexpected happened): the outcome of this one cannot be trusted.
            await DropConnectionAsync().ConfigureAwait(false);
            throw;
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _writes, batch.Count);
        return true;
    }

    private async Task RollBackAsync()
    {
        try
        {
            using var rollback = new NpgsqlCommand("ROLLBACK", _connection);
            await rollback.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            await DropConnectionAsync().ConfigureAwait(false);
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool IsDataError(PostgresException ex)
        => ex.SqlState.StartsWith(DataException, StringComparison.Ordinal) || ex.SqlState.StartsWith(IntegrityConstraintViolation, StringComparison.Ordinal);
}
