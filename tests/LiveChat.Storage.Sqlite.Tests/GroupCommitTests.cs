using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>Concurrent writes share transactions, and one refused write never takes its batch-mates down with it.</summary>
public sealed class GroupCommitTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task ConcurrentPosts_AreBatchedIntoFewerTransactions_AndEveryOneIsStoredOnce()
    {
        using var database = new TempDatabase();
        await using var store = SqliteLiveChatStore.Open(database.ConnectionString);
        var conversation = await store.CreateConversationAsync(NewConversation());
        var before = (store.Writes.Batches, store.Writes.Writes);

        var posts = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await store.AppendAsync(Acme, conversation.Id, conversation.Version, Draft($"w{worker}-{i}"));
            }
        }));
        await Task.WhenAll(posts);

        var messages = await store.GetMessagesAsync(Acme, conversation.Id, 0, 1000);
        messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, 800).Select(i => (long)i));
        messages.Select(m => m.ClientMessageId).Should().OnlyHaveUniqueItems();
        var batches = store.Writes.Batches - before.Batches;
        (store.Writes.Writes - before.Writes).Should().Be(800);
        batches.Should().BeLessThan(800, "eight writers waiting together share a transaction");
    }

    [Fact]
    public async Task RefusedWrite_InABatch_IsRolledBackAlone()
    {
        using var database = new TempDatabase();
        await using var store = SqliteLiveChatStore.Open(database.ConnectionString);
        var conversation = await store.CreateConversationAsync(NewConversation());

        // Half the writers use a version that is not the conversation's: they must fail, the others must all land.
        var attempts = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.AppendAsync(Acme, conversation.Id, i % 2 == 0 ? conversation.Version : conversation.Version + 7, Draft($"m{i}"));
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(ok => ok).Should().Be(100);
        var stored = await store.GetMessagesAsync(Acme, conversation.Id, 0, 1000);
        stored.Select(m => int.Parse(m.ClientMessageId![1..], System.Globalization.CultureInfo.InvariantCulture)).Should().OnlyContain(i => i % 2 == 0).And.HaveCount(100);
        stored.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, 100).Select(i => (long)i));
        (await store.FindConversationAsync(Acme, conversation.Id))!.LastSequence.Should().Be(100);
    }

    private static MessageDraft Draft(string clientId)
        => new(new MessageSender(SenderKind.Visitor, "Visitor"), "hello", clientId, SystemEvent.None, DateTimeOffset.UnixEpoch);

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
