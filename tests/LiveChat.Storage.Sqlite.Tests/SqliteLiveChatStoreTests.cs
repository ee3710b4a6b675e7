using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
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

    [Fact]
    public async Task FullConversation_OnSqlite_BehavesAsInMemory()
    {
        using var database = new TempDatabase();
        await using var services = Engine(database);
        var chat = services.GetRequiredService<LiveChatEngine>();
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 1));
        await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);

        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        (await chat.Visitors.RequestAgentAsync(Acme, conversation.Id, token)).Should().Be(HandoffOutcome.Assigned);
        await chat.Conversations.PostAgentMessageAsync(Acme, conversation.Id, alice, "Hello");
        await chat.Details.UpdateAsync(Acme, conversation.Id, alice, new ConversationDetailsUpdate { DealValue = new Money(99.5m, "EUR") });
        await chat.Conversations.EndAsync(Acme, conversation.Id, alice);

        var transcript = await chat.Conversations.GetTranscriptAsync(Acme, conversation.Id);
        transcript.Messages.Select(m => m.Sequence).Should().Equal(1, 2, 3, 4);
        transcript.Conversation.Details.DealValue.Should().Be(new Money(99.5m, "EUR"));
        (await chat.Agents.GetAsync(Acme, alice)).OpenConversations.Should().Be(0);
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
