using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>No SQLite exception reaches a host (issue 14): a driver failure is logged and becomes StoreUnavailableException.</summary>
public sealed class SqliteStoreUnavailableTests
{
    [Fact]
    public async Task DriverException_TableGoneUnderTheStore_IsLoggedAndThrownAsStoreUnavailable()
    {
        using var database = new TempDatabase();
        await using var store = SqliteLiveChatStore.Open(database.ConnectionString);
        var logger = new RecordingLogger();
        store.Logger = logger;
        using (var connection = new SqliteConnection(database.ConnectionString))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "ALTER TABLE conversations RENAME TO gone";
            drop.ExecuteNonQuery();
        }

        var read = await store.Invoking(s => s.FindConversationAsync(new WorkspaceId("acme"), new ConversationId(Guid.NewGuid())).AsTask())
            .Should().ThrowAsync<StoreUnavailableException>();

        read.Which.InnerException.Should().BeOfType<SqliteException>();
        read.Which.Category.Should().Be(LiveChatErrorCategory.Unavailable);
        logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error && e.Exception is SqliteException);
    }
}
