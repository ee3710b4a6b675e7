using LiveChat.Core;
using LiveChat.Core.Conversations;
using Npgsql;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>
/// Holds a conversation's row lock from a connection of its own, as another node's transaction would: a store's append
/// writer that needs the row waits for it. Tests use it to make appends queue up behind a blocked batch, so the next
/// batch holds exactly the appends they queue, without sleeping.
/// </summary>
public sealed class ConversationRowLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly int _pid;

    private ConversationRowLock(NpgsqlConnection connection, NpgsqlTransaction transaction, int pid)
    {
        _connection = connection;
        _transaction = transaction;
        _pid = pid;
    }

    public static async Task<ConversationRowLock> TakeAsync(string connectionString, WorkspaceId workspace, ConversationId conversationId)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM conversations WHERE workspace = @w AND id = @id FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("w", workspace.Value);
        command.Parameters.AddWithValue("id", conversationId.Value);
        (await command.ExecuteScalarAsync()).Should().Be(1, "the conversation to lock exists");
        return new ConversationRowLock(connection, transaction, connection.ProcessID);
    }

    /// <summary>Completes once some other session waits for this lock (polls the server; fails after 30 seconds).</summary>
    public async Task WaitForAWaiterAsync()
    {
        await using var observer = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connection.ConnectionString) { Pooling = false }.ConnectionString);
        await observer.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE @pid = ANY(pg_blocking_pids(pid))", observer);
        command.Parameters.AddWithValue("pid", _pid);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((long)(await command.ExecuteScalarAsync(timeout.Token))! == 0)
        {
            // Each poll is a round trip to the server: no sleep is needed between them.
        }
    }

    /// <summary>Ends the transaction, releasing the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
