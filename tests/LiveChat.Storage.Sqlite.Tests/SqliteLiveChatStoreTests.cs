using System.Text.Json;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
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
            .Should().Throw<StoreUnavailableException>().Where(e => ((SqliteException)e.InnerException!).SqliteErrorCode == 14, "SQLITE_CANTOPEN");
    }

    [Fact]
    public void Open_ADatabaseWithANewerSchema_IsRefused_AndLeavesItUntouched()
    {
        using var database = new TempDatabase();
        SqliteLiveChatStore.Open(database.ConnectionString).Dispose();
        database.Execute("UPDATE livechat_schema SET version = 99");

        var error = FluentActions.Invoking(() => SqliteLiveChatStore.Open(database.ConnectionString)).Should().Throw<StoreSchemaException>().Which;

        error.FoundVersion.Should().Be(99);
        error.SupportedVersion.Should().Be(SqliteDialect.Instance.SchemaSteps.Count);
        database.Scalar("SELECT version FROM livechat_schema").Should().Be(99L);
    }

    [Fact]
    public async Task Open_AVersion1Database_MigratesToTheCurrentVersion_KeepingItsData()
    {
        using var database = new TempDatabase();
        foreach (var statement in PreSharedLayerSchema.Version1)
        {
            database.Execute(statement);
        }

        var startedAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var id = Guid.CreateVersion7();
        var details = JsonSerializer.Serialize(ConversationDetails.Empty, StoreJson.Options).Replace("'", "''", StringComparison.Ordinal);
        database.Execute("INSERT INTO livechat_schema (id, version) VALUES (1, 1)");
        database.Execute("INSERT INTO workspaces (workspace, last_number) VALUES ('acme', 1)");
        database.Execute("INSERT INTO agents (workspace, id, display_name, max_conversations, status, status_changed_at, open_conversations) "
            + $"VALUES ('acme', 'ann', 'Ann', 3, {(int)AgentStatus.Online}, {startedAt.UtcTicks}, 1)");
        database.Execute("INSERT INTO conversations (workspace, id, number, state, version, channel, visitor_name, visitor_token_hash, counterpart_name, "
            + "assigned_agent, started_at, ended_at, last_sequence, participants, details, created_results) "
            + $"VALUES ('acme', '{id:N}', 1, {(int)ConversationState.Assigned}, 4, 'webchat', 'Visitor', '{new string('0', 64)}', 'Ann', "
            + $"'ann', {startedAt.UtcTicks}, NULL, 0, '[]', '{details}', '[]')");

        using (var store = SqliteLiveChatStore.Open(database.ConnectionString))
        {
            database.Scalar("SELECT version FROM livechat_schema").Should().Be(3L);
            var agent = (await store.FindAgentAsync(Acme, new AgentId("ann")))!;
            agent.DisplayName.Should().Be("Ann");
            agent.Status.Should().Be(AgentStatus.Online);
            agent.OpenConversations.Should().Be(1);
            agent.Teams.Should().BeEmpty();
            agent.LastSeenAt.Should().BeNull();
            var conversation = (await store.FindConversationAsync(Acme, new ConversationId(id)))!;
            conversation.Number.Should().Be(1);
            conversation.Version.Should().Be(4);
            conversation.AssignedAgentId.Should().Be(new AgentId("ann"));
            conversation.StartedAt.Should().Be(startedAt);
            conversation.Routing.Should().BeNull();

            // The new parts work on the migrated database.
            await store.UpsertTeamAsync(Acme, new Team(new TeamId("sales"), "Sales"));
            var ticket = new RoutingTicket(RoutingTarget.ToTeam(new TeamId("sales")), startedAt);
            var committed = await store.CommitAsync(new ConversationCommit(conversation with { Routing = ticket }, conversation.Version, []));
            committed.Conversation.Version.Should().Be(5);
            (await store.CreateConversationAsync(NewConversation())).Number.Should().Be(2);
            (await store.ReadIdentityEventsAsync(Acme, 0)).Should().BeEmpty();
            await store.AppendIdentityEventsAsync(Acme, [new ContactCreated(new ContactId(Guid.NewGuid()), null) { Sequence = 1, OccurredAt = startedAt, Actor = "a", Reason = "r" }], []);
        }

        // Opening again finds the current version and changes nothing.
        using var reopened = SqliteLiveChatStore.Open(database.ConnectionString);
        database.Scalar("SELECT version FROM livechat_schema").Should().Be(3L);
        (await reopened.ReadIdentityEventsAsync(Acme, 0)).Should().ContainSingle().Which.Should().BeOfType<ContactCreated>();
        (await reopened.ListTeamsAsync(Acme)).Should().ContainSingle().Which.Name.Should().Be("Sales");
        (await reopened.FindConversationAsync(Acme, new ConversationId(id)))!.Routing!.Target.Team.Should().Be(new TeamId("sales"));
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
            .Should().ThrowAsync<StoreUnavailableException>().Where(e => ((SqliteException)e.InnerException!).SqliteErrorCode == 8, "SQLITE_READONLY");
        (await readOnly.FindConversationAsync(Acme, id)).Should().NotBeNull();
        database.Scalar("SELECT COUNT(*) FROM conversations").Should().Be(1L);
    }

    [Fact]
    public async Task FullDatabase_RefusesTheWrite_AndKeepsEverythingStoredBefore()
    {
        using var database = new TempDatabase();
        SqliteLiveChatStore.Open(database.ConnectionString).Dispose();
        var pages = (long)database.Scalar("PRAGMA page_count")!;
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

        await act.Should().ThrowAsync<StoreUnavailableException>().Where(e => ((SqliteException)e.InnerException!).SqliteErrorCode == 13, "SQLITE_FULL");
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
}
