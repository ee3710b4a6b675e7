using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using LiveChat.Core;
using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <summary>
/// Group commit: one writer drains every write waiting in the queue into a single transaction and a single fsync.
/// </summary>
/// <remarks>
/// <para>
/// Each write runs inside its own SAVEPOINT, so a write that throws (a lost race, a full agent) is rolled back alone
/// and its caller gets the exception, while the others in the batch still commit. No caller is answered before the
/// batch's COMMIT returned: an acknowledged write is durable. If the COMMIT itself fails, every write of the batch
/// fails with that error and nothing of it is stored.
/// </para>
/// <para>
/// SQLite allows one writer at a time anyway; a single writer loop turns N concurrent writes into one transaction
/// instead of N serialized ones, each paying its own fsync.
/// </para>
/// </remarks>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    private readonly Func<SqliteConnection> _connect;
    private readonly int _maxBatch;
    private readonly Channel<WriteItem> _queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _batches;
    private long _writes;

    public SqliteWriteQueue(Func<SqliteConnection> connect, int maxBatch)
    {
        _connect = connect;
        _maxBatch = maxBatch;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>How many transactions the writer committed.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>How many writes those transactions held, refused ones included.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public Task<T> EnqueueAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var item = new WriteItem<T>(work);
        if (!_queue.Writer.TryWrite(item))
        {
            // Disposed with the engine's container, maybe while calls are still in flight: refused as any call after the
            // engine's disposal is (category Unavailable), and nothing was queued.
            throw new EngineStoppedException();
        }

        return item.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<WriteItem>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<WriteItem> batch)
    {
        try
        {
            using var connection = _connect();
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var item in batch)
            {
                transaction.Save("w");
                try
                {
                    item.Run(connection, transaction);
                    transaction.Release("w");
                }
                catch (Exception ex)
                {
                    try
                    {
                        transaction.Rollback("w");
                        transaction.Release("w");
                    }
                    catch (InvalidOperationException)
                    {
                        // SQLite already rolled the whole transaction back (SQLITE_FULL, I/O error): the savepoint is gone,
                        // and the batch fails below with the error that caused it.
                        ExceptionDispatchInfo.Throw(ex);
                    }

                    item.Refuse(ex);
                }
            }

            transaction.Commit();
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _writes, batch.Count);
        }
        catch (Exception ex)
        {
            // BEGIN or COMMIT failed (read-only file, full disk, I/O error): nothing of the batch is stored.
            foreach (var item in batch)
            {
                item.Refuse(ex);
            }

            return;
        }

        foreach (var item in batch)
        {
            item.Acknowledge();
        }
    }

    private abstract class WriteItem
    {
        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Refuse(Exception exception);

        public abstract void Acknowledge();
    }

    private sealed class WriteItem<T>(Func<SqliteConnection, SqliteTransaction, T> work) : WriteItem
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private bool _refused;

        public Task<T> Task => _completion.Task;

        public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);

        public override void Refuse(Exception exception)
        {
            _refused = true;
            _completion.TrySetException(exception);
        }

        public override void Acknowledge()
        {
            if (!_refused)
            {
                _completion.TrySetResult(_result);
            }
        }
    }
}
