using BenchmarkDotNet.Attributes;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LiveChat.Core.Benchmarks;

/// <summary>
/// Group commit on SQLite: <see cref="Writers"/> concurrent posters each append <see cref="PostsPerWriter"/> messages
/// to their own conversation, with a durable (synchronous=FULL) commit behind every acknowledgement. The baseline
/// commits every write on its own (batch limit 1); the other shares transactions between waiting writers.
/// </summary>
/// <remarks>One operation is the whole burst; divide by Writers × PostsPerWriter for the cost of one post.</remarks>
[MemoryDiagnoser]
[ShortRunJob]
public class SqliteGroupCommitBenchmarks
{
    private const int PostsPerWriter = 50;
    private static readonly WorkspaceId Workspace = new("bench");

    private string _folder = null!;
    private SqliteLiveChatStore _single = null!;
    private SqliteLiveChatStore _grouped = null!;
    private Conversation[] _singleConversations = [];
    private Conversation[] _groupedConversations = [];

    [Params(1, 8, 32)]
    public int Writers { get; set; }

    [GlobalSetup]
    public async Task GlobalSetup()
    {
        _folder = Directory.CreateTempSubdirectory("livechat-bench-").FullName;
        _single = SqliteLiveChatStore.Open($"Data Source={Path.Combine(_folder, "single.db")}", maxBatch: 1);
        _grouped = SqliteLiveChatStore.Open($"Data Source={Path.Combine(_folder, "grouped.db")}", maxBatch: 256);
        _singleConversations = await CreateConversationsAsync(_single);
        _groupedConversations = await CreateConversationsAsync(_grouped);
    }

    [GlobalCleanup]
    public async Task GlobalCleanup()
    {
        await _single.DisposeAsync();
        await _grouped.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task OneTransactionPerPost() => BurstAsync(_single, _singleConversations);

    [Benchmark]
    public Task GroupCommit() => BurstAsync(_grouped, _groupedConversations);

    private async Task<Conversation[]> CreateConversationsAsync(SqliteLiveChatStore store)
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

    private static Task BurstAsync(SqliteLiveChatStore store, Conversation[] conversations)
        => Task.WhenAll(conversations.Select(conversation => Task.Run(async () =>
        {
            var draft = new MessageDraft(new MessageSender(SenderKind.Visitor, "Visitor"), "Hello", null, SystemEvent.None, DateTimeOffset.UnixEpoch);
            for (var i = 0; i < PostsPerWriter; i++)
            {
                await store.AppendAsync(Workspace, conversation.Id, conversation.Version, draft);
            }
        })));
}
