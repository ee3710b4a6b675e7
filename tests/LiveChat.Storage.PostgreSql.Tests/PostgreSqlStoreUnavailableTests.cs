using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>No Npgsql exception reaches a host (issue 14): a driver failure is logged and becomes StoreUnavailableException.</summary>
public sealed class PostgreSqlStoreUnavailableTests
{
    [Fact]
    public async Task DriverException_TableGoneUnderTheStore_IsLoggedAndThrownAsStoreUnavailable()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var store = await PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString);
        var logger = new RecordingLogger();
        store.Logger = logger;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("ALTER TABLE conversations RENAME TO gone", connection);
            await drop.ExecuteNonQueryAsync();
        }

        var read = await store.Invoking(s => s.FindConversationAsync(new WorkspaceId("acme"), new ConversationId(Guid.NewGuid())).AsTask())
            .Should().ThrowAsync<StoreUnavailableException>();

        read.Which.InnerException.Should().BeAssignableTo<NpgsqlException>();
        read.Which.Category.Should().Be(LiveChatErrorCategory.Unavailable);
        logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error && e.Exception is NpgsqlException);
    }
}
