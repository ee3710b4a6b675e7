using System.Net;
using System.Net.Sockets;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>What only a shared durable store must do: show one process's data to another, and refuse bad set-ups clearly.</summary>
public sealed class PostgreSqlLiveChatStoreTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task SecondStoreInstance_SeesTheFirstOnesData_AndNumberingContinues()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var node1 = Engine(database);
        await using var node2 = Engine(database);
        var first = node1.GetRequiredService<LiveChatEngine>();
        var second = node2.GetRequiredService<LiveChatEngine>();

        var (conversation, token) = await first.Conversations.StartAsync(Acme);
        await first.Visitors.PostAsync(Acme, conversation.Id, token, "kept", clientMessageId: "c-1");

        (await second.Conversations.GetMessagesAsync(Acme, conversation.Id)).Should().ContainSingle().Which.Text.Should().Be("kept");
        (await second.Conversations.StartAsync(Acme)).Conversation.Number.Should().Be(2);
        (await first.Conversations.StartAsync(Acme)).Conversation.Number.Should().Be(3);
    }

    [Fact]
    public async Task OpenAsync_ADatabaseWithANewerSchema_IsRefused_AndLeavesItUntouched()
    {
        await using var database = await TempDatabase.CreateAsync();
        await (await PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString)).DisposeAsync();
        await database.ExecuteAsync("UPDATE livechat_schema SET version = 99");

        var error = (await FluentActions.Awaiting(() => PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString))
            .Should().ThrowAsync<StoreSchemaException>()).Which;

        error.FoundVersion.Should().Be(99);
        error.SupportedVersion.Should().Be(PostgreSqlDialect.Instance.SchemaSteps.Count);
        (await database.ScalarAsync("SELECT version FROM livechat_schema")).Should().Be(99);
    }

    [Fact]
    public async Task OpenAsync_TwiceOnOneDatabase_MigratesOnceAndKeepsTheData()
    {
        await using var database = await TempDatabase.CreateAsync();
        var opening = await Task.WhenAll(
            PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString),
            PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString));
        await using var first = opening[0];
        await using var second = opening[1];

        await first.UpsertAgentAsync(Acme, new AgentRegistration(new AgentId("ann"), "Ann", 2), DateTimeOffset.UnixEpoch);
        await using var third = await PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString);

        (await third.ListAgentsAsync(Acme)).Should().ContainSingle().Which.DisplayName.Should().Be("Ann");
        (await database.ScalarAsync("SELECT version FROM livechat_schema")).Should().Be(PostgreSqlDialect.Instance.SchemaSteps.Count);
    }

    [Fact]
    public async Task OpenAsync_AVersion1Database_MigratesToTheCurrentVersion_KeepingItsData()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using (var first = await PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString))
        {
            await first.UpsertAgentAsync(Acme, new AgentRegistration(new AgentId("ann"), "Ann", 2), DateTimeOffset.UnixEpoch);
        }

        // Back to what version 1 wrote: no identity log (version 4), no routing columns or teams table (version 3), no
        // fillfactor (version 2).
        await database.ExecuteAsync("DROP TABLE identity_log");
        await RevertVersion3Async(database);
        await database.ExecuteAsync("ALTER TABLE conversations RESET (fillfactor)");
        await database.ExecuteAsync("UPDATE livechat_schema SET version = 1");

        await using var reopened = await PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString);

        (await database.ScalarAsync("SELECT version FROM livechat_schema")).Should().Be(PostgreSqlDialect.Instance.SchemaSteps.Count);
        (await database.ScalarAsync("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'conversations'")).Should().Be("fillfactor=70");
        var ann = (await reopened.ListAgentsAsync(Acme)).Should().ContainSingle().Which;
        ann.DisplayName.Should().Be("Ann");
        ann.Teams.Should().BeEmpty();
        ann.LastSeenAt.Should().BeNull();
    }

    [Fact]
    public async Task OpenAsync_AVersion2Database_MigratesToTheCurrentVersion_KeepingItsData()
    {
        await using var database = await TempDatabase.CreateAsync();
        var startedAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        Conversation conversation;
        await using (var first = await PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString))
        {
            var ann = await first.UpsertAgentAsync(Acme, new AgentRegistration(new AgentId("ann"), "Ann", 2), startedAt);
            await first.SetAgentStatusAsync(Acme, ann.Id, AgentStatus.Online, startedAt);
            var created = await first.CreateConversationAsync(NewConversation(startedAt));
            conversation = (await first.CommitAsync(new ConversationCommit(
                created with { State = ConversationState.Assigned, AssignedAgentId = ann.Id, CounterpartName = "Ann" }, created.Version, []))).Conversation;
        }

        await database.ExecuteAsync("DROP TABLE identity_log");
        await RevertVersion3Async(database);
        await database.ExecuteAsync("UPDATE livechat_schema SET version = 2");

        await using var reopened = await PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString);

        (await database.ScalarAsync("SELECT version FROM livechat_schema")).Should().Be(PostgreSqlDialect.Instance.SchemaSteps.Count);
        var agent = (await reopened.FindAgentAsync(Acme, new AgentId("ann")))!;
        agent.Status.Should().Be(AgentStatus.Online);
        agent.OpenConversations.Should().Be(1);
        agent.Teams.Should().BeEmpty();
        agent.LastSeenAt.Should().BeNull("version 2 kept no heartbeat");
        var found = (await reopened.FindConversationAsync(Acme, conversation.Id))!;
        found.Should().BeEquivalentTo(conversation, o => o.ComparingRecordsByMembers().ComparingByMembers<Conversation>());
        found.Routing.Should().BeNull();

        // The new parts work on the migrated database.
        await reopened.UpsertTeamAsync(Acme, new Team(new TeamId("sales"), "Sales"));
        var ticket = new RoutingTicket(RoutingTarget.ToTeam(new TeamId("sales")), startedAt);
        await reopened.CommitAsync(new ConversationCommit(found with { Routing = ticket }, found.Version, []));
        (await reopened.FindConversationAsync(Acme, conversation.Id))!.Routing.Should().Be(ticket);
        (await reopened.ListTeamsAsync(Acme)).Should().ContainSingle().Which.Name.Should().Be("Sales");
        await reopened.AppendIdentityEventsAsync(Acme, [new ContactCreated(new ContactId(Guid.NewGuid()), conversation.Id) { Sequence = 1, OccurredAt = startedAt, Actor = "a", Reason = "r" }], []);
        (await reopened.ReadIdentityEventsAsync(Acme, 0)).Should().ContainSingle().Which.Should().BeOfType<ContactCreated>();
    }

    [Theory]
    [InlineData("Hots=localhost;Database=livechat")]
    [InlineData("Host=localhost;Port=not-a-port")]
    [InlineData("Database=livechat;Username=livechat")]
    [InlineData("   ")]
    public async Task OpenAsync_WithABadConnectionString_IsRefusedWithAClearError(string connectionString)
        => (await FluentActions.Awaiting(() => PostgreSqlLiveChatStore.OpenAsync(connectionString)).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().NotBeNullOrWhiteSpace();

    [Fact]
    public void UsePostgreSql_WithAnEmptyConnectionString_IsRefusedAtRegistration()
        => FluentActions.Invoking(() => new ServiceCollection().AddLiveChat().UsePostgreSql(" ")).Should().Throw<ArgumentException>();

    [Fact]
    public async Task OpenAsync_WhenNothingListens_SurfacesNpgsqlsErrorInsideStoreUnavailable()
    {
        var connectionString = $"Host=127.0.0.1;Port={ClosedPort()};Username=nobody;Database=nothing;Timeout=5";

        (await FluentActions.Awaiting(() => PostgreSqlLiveChatStore.OpenAsync(connectionString)).Should().ThrowAsync<StoreUnavailableException>())
            .Which.InnerException.Should().BeAssignableTo<NpgsqlException>();
    }

    [Fact]
    public async Task OpenAsync_ADatabaseThatDoesNotExist_SurfacesTheServersErrorInsideStoreUnavailable()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.MaintenanceConnectionString) { Database = $"lc_missing_{Guid.NewGuid():N}" }.ConnectionString;

        await FluentActions.Awaiting(() => PostgreSqlLiveChatStore.OpenAsync(connectionString))
            .Should().ThrowAsync<StoreUnavailableException>().Where(e => ((PostgresException)e.InnerException!).SqlState == PostgresErrorCodes.InvalidCatalogName);
    }

    /// <summary>Drops what version 3 added, so the database is as version 2 left it.</summary>
    private static async Task RevertVersion3Async(TempDatabase database)
    {
        await database.ExecuteAsync("DROP TABLE teams");
        await database.ExecuteAsync("ALTER TABLE agents DROP COLUMN teams, DROP COLUMN last_seen_at");
        await database.ExecuteAsync("ALTER TABLE conversations DROP COLUMN routing");
    }

    private static Conversation NewConversation(DateTimeOffset startedAt) => new()
    {
        Workspace = Acme,
        Id = new ConversationId(Guid.CreateVersion7()),
        Channel = "webchat",
        VisitorName = "Visitor",
        VisitorTokenHash = new string('0', 64),
        CounterpartName = "Bot",
        StartedAt = startedAt,
    };

    private static ServiceProvider Engine(TempDatabase database)
        => new ServiceCollection().AddLiveChat().UsePostgreSql(database.ConnectionString).Services.BuildServiceProvider();

    /// <summary>A loopback port nothing listens on: one the system just handed out and that was closed again.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
