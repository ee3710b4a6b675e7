using BenchmarkDotNet.Attributes;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Storage.PostgreSql;
using LiveChat.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LiveChat.Core.Benchmarks;

/// <summary>
/// Durable message posts per second on SQLite and on PostgreSQL, with group commit against one transaction per post,
/// in one run. <see cref="Writers"/> concurrent posters share <see cref="PostsPerInvoke"/> appends, each to its own
/// conversation, each awaiting its acknowledgement before posting the next; an acknowledgement means the post's
/// transaction committed durably (SQLite <c>synchronous=FULL</c>; PostgreSQL <c>fsync=on</c> and
/// <c>synchronous_commit=on</c>, checked in the setup).
/// </summary>
/// <remarks>
/// <para>
/// One operation is one post (<c>OperationsPerInvoke</c>), so the Mean column is the time per post across all writers
/// and posts per second = 1 s / Mean (BenchmarkDotNet's Op/s column). The baseline of each backend and writer count is
/// the store with a batch limit of 1: on SQLite every post is its own transaction through the writer; on PostgreSQL
/// every post is its own transaction on its own pooled connection, as before group commit (so concurrent posts still
/// share WAL flushes the way PostgreSQL lets concurrent commits do). The grouped store takes up to 256 (SQLite) or 512
/// (PostgreSQL) waiting posts per transaction. Ratio below 1 is the speed-up: throughput ratio = 1 / Ratio.
/// </para>
/// <para>PostgreSQL is the server <c>LIVECHAT_POSTGRES</c> names; <c>benchmarks/run.sh</c> starts a durable throwaway one.</para>
/// </remarks>
[ShortRunJob]
public class DurablePostBenchmarks
{
    /// <summary>Posts per measured call, split evenly among the writers.</summary>
    public const int PostsPerInvoke = 1024;

    private static readonly WorkspaceId Workspace = new("bench");

    private string? _folder;
    private string? _database;
    private IConversationStore _single = null!;
    private IConversationStore _grouped = null!;
    private Conversation[] _singleConversations = [];
    private Conversation[] _groupedConversations = [];

    [Params("SQLite", "PostgreSQL")]
    public string Backend { get; set; } = "SQLite";

    [Params(1, 16, 64, 256)]
    public int Writers { get; set; }

    [GlobalSetup]
    public async Task GlobalSetup()
    {
        if (Backend == "SQLite")
        {
            _folder = Directory.CreateTempSubdirectory("livechat-bench-").FullName;
            _single = SqliteLiveChatStore.Open($"Data Source={Path.Combine(_folder, "single.db")}", maxBatch: 1);
            _grouped = SqliteLiveChatStore.Open($"Data Source={Path.Combine(_folder, "grouped.db")}", maxBatch: 256);
        }
        else
        {
            var connectionString = await CreateDurableDatabaseAsync();
            _single = await PostgreSqlLiveChatStore.OpenAsync(connectionString, maxBatch: 1);
            _grouped = await PostgreSqlLiveChatStore.OpenAsync(connectionString, maxBatch: 512);
        }

        _singleConversations = await CreateConversationsAsync(_single);
        _groupedConversations = await CreateConversationsAsync(_grouped);
    }

    [GlobalCleanup]
    public async Task GlobalCleanup()
    {
        await ((IAsyncDisposable)_single).DisposeAsync();
        await ((IAsyncDisposable)_grouped).DisposeAsync();
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(MaintenanceConnectionString(), $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PostsPerInvoke)]
    public Task OneTransactionPerPost() => BurstAsync(_single, _singleConversations);

    [Benchmark(OperationsPerInvoke = PostsPerInvoke)]
    public Task GroupCommit() => BurstAsync(_grouped, _groupedConversations);

    private Task BurstAsync(IConversationStore store, Conversation[] conversations)
    {
        var postsPerWriter = PostsPerInvoke / Writers;
        return Task.WhenAll(conversations.Select(conversation => Task.Run(async () =>
        {
            var draft = new MessageDraft(new MessageSender(SenderKind.Visitor, "Visitor"), "Hello", null, SystemEvent.None, DateTimeOffset.UnixEpoch);
            for (var i = 0; i < postsPerWriter; i++)
            {
                await store.AppendAsync(Workspace, conversation.Id, conversation.Version, draft);
            }
        })));
    }

    private async Task<Conversation[]> CreateConversationsAsync(IConversationStore store)
    {
        var conversations = new Conversation[Writers];
        for (var i = 0; i < Writers; i++)
        {
            conversations[i] = await store.CreateConversationAsync(new Conversation
            {
                Workspace = Workspace,
                Id = new ConversationId(Guid.CreateVersion7()),
                Channel = "web",
                VisitorName = "Visitor",
                VisitorTokenHash = new string('0', 64),
                CounterpartName = "Assistant",
            });
        }

        return conversations;
    }

    /// <summary>Creates a fresh database on the server, after checking that the server commits durably.</summary>
    private async Task<string> CreateDurableDatabaseAsync()
    {
        var maintenance = MaintenanceConnectionString();
        await using (var connection = new NpgsqlConnection(maintenance))
        {
            await connection.OpenAsync();
            foreach (var setting in new[] { "fsync", "synchronous_commit" })
            {
                await using var show = new NpgsqlCommand($"SHOW {setting}", connection);
                var value = (string)(await show.ExecuteScalarAsync())!;
                if (value != "on")
                {
                    throw new InvalidOperationException($"The PostgreSQL server runs with {setting}={value}: posts would not be durable. Run benchmarks/run.sh.");
                }
            }
        }

        _database = $"lc_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(maintenance, $"CREATE DATABASE {_database}");
        return new NpgsqlConnectionStringBuilder(maintenance) { Database = _database }.ConnectionString;
    }

    private static string MaintenanceConnectionString()
        => Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("LIVECHAT_POSTGRES is not set: run benchmarks/run.sh, which starts a durable PostgreSQL server.");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
