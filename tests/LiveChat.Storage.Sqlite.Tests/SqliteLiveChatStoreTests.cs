using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>What only a durable store must do: keep data across restarts, and refuse bad set-ups clearly.</summary>
public sealed class SqliteLiveChatStoreTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task SecondRun_SeesTheFirstRunsConversations_AndNumberingContinues()
    {
        using var database = new TempDatabase();
        ConversationId first;
        await using (var run1 = Engine(database))
        {
            var chat = run1.GetRequiredService<LiveChatEngine>();
            var (conversation, token) = await chat.Conversations.StartAsync(Acme);
            await chat.Visitors.PostAsync(Acme, conversation.Id, token, "kept", clientMessageId: "c-1");
            first = conversation.Id;
        }

        await using var run2 = Engine(database);
        var again = run2.GetRequiredService<LiveChatEngine>();
        (await again.Conversations.GetMessagesAsync(Acme, first)).Should().ContainSingle().Which.Text.Should().Be("kept");
        (await again.Conversations.StartAsync(Acme)).Conversation.Number.Should().Be(2);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Mode=Memory;Data Source=x")]
    [InlineData("Data Sauce=livechat.db")]
    [InlineData("   ")]
    public void Open_WithABadConnectionString_IsRefusedWithAClearError(string connectionString)
        => FluentActions.Invoking(() => SqliteLiveChatStore.Open(connectionString)).Should().Throw<ArgumentException>();

    [Fact]
    public void Open_InAFolderThatDoesNotExist_FailsWithSqliteCantOpen()
    {
        using var database = new TempDatabase();
        var missing = Path.Combine(database.Folder, "missing", "livechat.db");

        FluentActions.Invoking(() => SqliteLiveChatStore.Open($"Data Source={missing}"))
            .Should().Throw<SqliteException>().Where(e => e.SqliteErrorCode == 14, "SQLITE_CANTOPEN");
    }

    [Fact]
    public void Open_ADatabaseWithANewerSchema_IsRefused_AndLeavesItUntouched()
    {
        using var database = new TempDatabase();
        SqliteLiveChatStore.Open(database.ConnectionString).Dispose();
        Execute(database, "UPDATE livechat_schema SET version = 99");

        var error = FluentActions.Invoking(() => SqliteLiveChatStore.Open(database.ConnectionString)).Should().Throw<StoreSchemaException>().Which;

        error.FoundVersion.Should().Be(99);
        error.SupportedVersion.Should().Be(1);
        Scalar(database, "SELECT version FROM livechat_schema").Should().Be(99L);
    }

    [Fact]
    public async Task ReadOnlyDatabase_RefusesWrites_AndKeepsWhatIsStored()
    {
        using var database = new TempDatabase();
        ConversationId id;
        using (var writable = SqliteLiveChatStore.Open(database.ConnectionString))
        {
            id = (await writable.CreateConversationAsync(NewConversation())).Id;
        }

        SqliteConnection.ClearAllPools();
        using var readOnly = SqliteLiveChatStore.Open($"Data Source={database.Path};Mode=ReadOnly");

        await FluentActions.Awaiting(() => readOnly.CreateConversationAsync(NewConversation()).AsTask())
            .Should().ThrowAsync<SqliteException>().Where(e => e.SqliteErrorCode == 8, "SQLITE_READONLY");
        (await readOnly.FindConversationAsync(Acme, id)).Should().NotBeNull();
        Scalar(database, "SELECT COUNT(*) FROM conversations").Should().Be(1L);
    }

    [Fact]
    public async Task FullDatabase_RefusesTheWrite_AndKeepsEverythingStoredBefore()
    {
        using var database = new TempDatabase();
        SqliteLiveChatStore.Open(database.ConnectionString).Dispose();
        var pages = (long)Scalar(database, "PRAGMA page_count")!;
        // A page budget a few pages above today's size stands in for a full disk: SQLite answers SQLITE_FULL either way.
        await using var store = SqliteLiveChatStore.Open(database.ConnectionString, maxBatch: 256, onConnect: c =>
        {
            using var limit = c.CreateCommand();
            limit.CommandText = $"PRAGMA max_page_count = {pages + 4}";
            limit.ExecuteNonQuery();
        });
        var conversation = await store.CreateConversationAsync(NewConversation());
        var stored = 0;
        var big = new string('x', 3000);

        var act = async () =>
        {
            while (true)
            {
                await store.AppendAsync(Acme, conversation.Id, conversation.Version, new MessageDraft(new MessageSender(SenderKind.Visitor, "V"), big, $"c{stored}", SystemEvent.None, default));
                stored++;
            }
        };

        await act.Should().ThrowAsync<SqliteException>().Where(e => e.SqliteErrorCode == 13, "SQLITE_FULL");
        stored.Should().BePositive();
        (await store.GetMessagesAsync(Acme, conversation.Id, 0, 1000)).Should().HaveCount(stored, "the refused write left nothing behind");
        (await store.FindConversationAsync(Acme, conversation.Id))!.LastSequence.Should().Be(stored);
    }

    [Fact]
    public async Task LongestAllowedMessage_IsStoredWhole()
    {
        using var database = new TempDatabase();
        await using var services = new ServiceCollection().AddLiveChat(o => o.MaxMessageLength = MessageDraft.MaxTextLength)
            .UseSqlite(database.ConnectionString).Services.BuildServiceProvider();
        var chat = services.GetRequiredService<LiveChatEngine>();
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        var text = string.Concat(Enumerable.Repeat("ž😀", (MessageDraft.MaxTextLength / 3) - 1)) + "end"; // 99,999 UTF-16 units

        await chat.Visitors.PostAsync(Acme, conversation.Id, token, text);

        (await chat.Conversations.GetMessagesAsync(Acme, conversation.Id)).Single().Text.Should().Be(text);
    }

    private static ServiceProvider Engine(TempDatabase database)
        => new ServiceCollection().AddLiveChat().UseSqlite(database.ConnectionString).Services.BuildServiceProvider();

    private static Conversation NewConversation() => new()
    {
        Workspace = Acme,
        Id = new ConversationId(Guid.CreateVersion7()),
        Channel = "webchat",
        VisitorName = "Visitor",
        VisitorTokenHash = new string('0', 64),
        CounterpartName = "Bot",
    };

    private static void Execute(TempDatabase database, string sql)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(TempDatabase database, string sql)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
