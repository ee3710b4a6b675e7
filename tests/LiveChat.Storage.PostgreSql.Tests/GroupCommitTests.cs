using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Npgsql;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>
/// Group commit of appends: waiting appends share one transaction, and within it each is decided exactly as it would be
/// on its own. Appends are made to queue behind a batch that waits for a row lock held by the test, so the next batch
/// holds exactly the appends a test queued.
/// </summary>
public sealed class GroupCommitTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly MessageSender Visitor = new(SenderKind.Visitor, "Visitor");

    [Fact]
    public async Task AppendAsync_AppendsQueuedTogether_CommitInOneTransaction_AndEachIsStoredOnce()
    {
        var (connectionString, cleanup) = await database.CreateSchemaAsync();
        await using var _ = new Cleanup(cleanup);
        await using var store = await PostgreSqlLiveChatStore.OpenAsync(connectionString);
        var blocker = await store.CreateConversationAsync(NewConversation());
        var conversation = await store.CreateConversationAsync(NewConversation());

        var (appends, batches, writes) = await InOneBatchAsync(store, connectionString, blocker, () =>
            Enumerable.Range(0, 100).Select(i => store.AppendAsync(Acme, conversation.Id, conversation.Version, Draft($"m{i}", $"c{i}")).AsTask()).ToArray());
        var results = await Task.WhenAll(appends);

        batches.Should().Be(1, "every append waiting when the writer came back went into one transaction");
        writes.Should().Be(100);
        results.Select(r => r.Message.Sequence).Should().Equal(Enumerable.Range(1, 100).Select(i => (long)i), "queue order is sequence order");
        results.Should().OnlyContain(r => !r.IsDuplicate);
        var stored = await store.GetMessagesAsync(Acme, conversation.Id, 0, 1000);
        stored.Should().BeEquivalentTo(results.Select(r => r.Message), o => o.WithStrictOrdering());
        (await store.FindConversationAsync(Acme, conversation.Id))!.LastSequence.Should().Be(100);
    }

    [Fact]
    public async Task AppendAsync_RefusedAppendsInABatch_DoNotAffectTheirBatchMates()
    {
        var (connectionString, cleanup) = await database.CreateSchemaAsync();
        await using var _ = new Cleanup(cleanup);
        await using var store = await PostgreSqlLiveChatStore.OpenAsync(connectionString);
        var blocker = await store.CreateConversationAsync(NewConversation());
        var conversation = await store.CreateConversationAsync(NewConversation());
        var other = await store.CreateConversationAsync(NewConversation());
        await store.AppendAsync(Acme, conversation.Id, conversation.Version, Draft("first", "used"));
        var missing = new ConversationId(Guid.NewGuid());

        var (appends, batches, _) = await InOneBatchAsync(store, connectionString, blocker, () =>
        [
            store.AppendAsync(Acme, conversation.Id, conversation.Version, Draft("a", "a")).AsTask(),
            store.AppendAsync(Acme, conversation.Id, conversation.Version + 7, Draft("stale", "stale")).AsTask(),
            store.AppendAsync(Acme, conversation.Id, conversation.Version, Draft("not first", "used")).AsTask(),
            store.AppendAsync(Acme, missing, 1, Draft("lost", "lost")).AsTask(),
            store.AppendAsync(new WorkspaceId("other"), other.Id, other.Version, Draft("elsewhere", "elsewhere")).AsTask(),
            store.AppendAsync(Acme, other.Id, other.Version, Draft("b", "b")).AsTask(),
            store.AppendAsync(Acme, conversation.Id, conversation.Version, Draft("c", "c")).AsTask(),
        ]);

        batches.Should().Be(1);
        (await appends[0]).Message.Sequence.Should().Be(2);
        await FluentActions.Awaiting(() => appends[1]).Should().ThrowAsync<ConcurrencyConflictException>();
        await FluentActions.Awaiting(() => appends[2]).Should().ThrowAsync<IdempotencyConflictException>();
        await FluentActions.Awaiting(() => appends[3]).Should().ThrowAsync<ConversationNotFoundException>();
        await FluentActions.Awaiting(() => appends[4]).Should().ThrowAsync<ConversationNotFoundException>();
        (await appends[5]).Message.Sequence.Should().Be(1);
        (await appends[6]).Message.Sequence.Should().Be(3, "refused appends take no sequence number");
        (await store.GetMessagesAsync(Acme, conversation.Id, 0, 10)).Select(m => m.Text).Should().Equal("first", "a", "c");
        (await store.GetMessagesAsync(Acme, other.Id, 0, 10)).Select(m => m.Text).Should().Equal("b");
        (await store.FindConversationAsync(Acme, conversation.Id))!.LastSequence.Should().Be(3);
    }

    [Fact]
    public async Task AppendAsync_SameClientIdTwiceInOneBatch_BehavesExactlyAsSequentialRetries()
    {
        var (connectionString, cleanup) = await database.CreateSchemaAsync();
        await using var _ = new Cleanup(cleanup);
        await using var grouped = await PostgreSqlLiveChatStore.OpenAsync(connectionString);
        var (sequentialConnectionString, sequentialCleanup) = await database.CreateSchemaAsync();
        await using var __ = new Cleanup(sequentialCleanup);
        await using var sequential = await PostgreSqlLiveChatStore.OpenAsync(sequentialConnectionString, maxBatch: 1);
        sequential.Appends.Should().BeNull("a batch limit of 1 turns group commit off");
        var blocker = await grouped.CreateConversationAsync(NewConversation());
        var conversation = NewConversation();
        await grouped.CreateConversationAsync(conversation);
        await sequential.CreateConversationAsync(conversation);
        var agent = new MessageSender(SenderKind.Agent, "Ann", new AgentId("ann"));

        // Refused first, then stored; retried with a stale version (the duplicate check comes first), with another
        // display name (same author), with other text, and by another author.
        (long Version, MessageDraft Draft)[] script =
        [
            (9, Draft("hello", "c-1")),
            (1, Draft("hello", "c-1")),
            (1, Draft("hello", "c-1")),
            (9, Draft("hello", "c-1")),
            (1, Draft("hello", "c-1") with { Sender = Visitor with { DisplayName = "Renamed" } }),
            (1, Draft("HELLO", "c-1")),
            (1, Draft("hello", "c-1") with { Sender = agent }),
            (1, Draft("other", "c-2")),
            (1, Draft("other", "c-2")),
        ];

        var (appends, batches, _) = await InOneBatchAsync(grouped, connectionString, blocker, () =>
            script.Select(s => grouped.AppendAsync(Acme, conversation.Id, s.Version, s.Draft).AsTask()).ToArray());
        var expected = new List<object>();
        foreach (var (version, draft) in script)
        {
            expected.Add(await OutcomeAsync(sequential.AppendAsync(Acme, conversation.Id, version, draft).AsTask()));
        }

        batches.Should().Be(1);
        var actual = new List<object>();
        foreach (var append in appends)
        {
            actual.Add(await OutcomeAsync(append));
        }

        actual.Should().Equal(expected);
        actual.Should().Equal(
            typeof(ConcurrencyConflictException), (1L, false), (1L, true), (1L, true), (1L, true),
            typeof(IdempotencyConflictException), typeof(IdempotencyConflictException), (2L, false), (2L, true));
        (await grouped.GetMessagesAsync(Acme, conversation.Id, 0, 10)).Should().BeEquivalentTo(
            await sequential.GetMessagesAsync(Acme, conversation.Id, 0, 10), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task AppendAsync_TextTheServerRefusesInABatch_FailsOnlyThatAppend()
    {
        var (connectionString, cleanup) = await database.CreateSchemaAsync();
        await using var _ = new Cleanup(cleanup);
        await using var store = await PostgreSqlLiveChatStore.OpenAsync(connectionString);
        var blocker = await store.CreateConversationAsync(NewConversation());
        var conversation = await store.CreateConversationAsync(NewConversation());

        // A constraint the core knows nothing of makes the server refuse one insert, and with it the whole batch.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var poison = new NpgsqlCommand("ALTER TABLE messages ADD CONSTRAINT no_poison CHECK (text <> 'poison')", connection);
            await poison.ExecuteNonQueryAsync();
        }

        var (appends, _, _) = await InOneBatchAsync(store, connectionString, blocker, () =>
        [
            store.AppendAsync(Acme, conversation.Id, conversation.Version, Draft("before", "a")).AsTask(),
            store.AppendAsync(Acme, conversation.Id, conversation.Version, Draft("poison", "b")).AsTask(),
            store.AppendAsync(Acme, conversation.Id, conversation.Version, Draft("after", "c")).AsTask(),
        ]);

        (await appends[0]).Message.Sequence.Should().Be(1);
        (await FluentActions.Awaiting(() => appends[1]).Should().ThrowAsync<StoreUnavailableException>()).Which.InnerException.Should().BeOfType<PostgresException>();
        (await appends[2]).Message.Sequence.Should().Be(2);
        (await store.GetMessagesAsync(Acme, conversation.Id, 0, 10)).Select(m => m.Text).Should().Equal("before", "after");
    }

    /// <summary>
    /// Blocks the writer on <paramref name="blocker"/>'s row lock with one append, queues <paramref name="queue"/>'s
    /// appends behind it, then releases the lock; returns them with the transactions and appends committed after the
    /// blocking one.
    /// </summary>
    private static async Task<(Task<AppendResult>[] Appends, long Batches, long Writes)> InOneBatchAsync(
        PostgreSqlLiveChatStore store, string connectionString, Conversation blocker, Func<Task<AppendResult>[]> queue)
    {
        var writer = store.Appends!;
        Task<AppendResult> blocked;
        Task<AppendResult>[] appends;
        long batches, writes;
        await using (var rowLock = await ConversationRowLock.TakeAsync(connectionString, Acme, blocker.Id))
        {
            blocked = store.AppendAsync(Acme, blocker.Id, blocker.Version, Draft("blocked", null)).AsTask();
            await rowLock.WaitForAWaiterAsync();
            appends = queue();
            // Read while the writer is stuck: the blocked batch cannot have committed yet, and the next one may commit
            // before this method sees the blocked append complete.
            (batches, writes) = (writer.Batches, writer.Writes);
        }

        await blocked;
        await Task.WhenAll(appends.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));
        return (appends, writer.Batches - batches - 1, writer.Writes - writes - 1);
    }

    /// <summary>What an append came to: its sequence and whether it was a duplicate, or the type of its exception.</summary>
    private static async Task<object> OutcomeAsync(Task<AppendResult> append)
    {
        try
        {
            var result = await append;
            return (result.Message.Sequence, result.IsDuplicate);
        }
        catch (LiveChatException ex)
        {
            return ex.GetType();
        }
    }

    private static MessageDraft Draft(string text, string? clientId) => new(Visitor, text, clientId, SystemEvent.None, DateTimeOffset.UnixEpoch);

    private static Conversation NewConversation() => new()
    {
        Workspace = Acme,
        Id = new ConversationId(Guid.NewGuid()),
        Channel = "webchat",
        VisitorName = "Visitor",
        VisitorTokenHash = new string('0', 64),
        CounterpartName = "Bot",
    };

    private sealed class Cleanup(Func<ValueTask> cleanup) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => cleanup();
    }
}
