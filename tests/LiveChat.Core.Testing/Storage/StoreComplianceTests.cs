using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// The store compliance suite. Every adapter of <see cref="IConversationStore"/>, <see cref="IAgentStore"/> and
/// <see cref="IIdentityLogStore"/> derives a sealed test class from this one, implements
/// <see cref="StoreComplianceBase.CreateStoreAsync"/> to return a fresh, empty store, and so runs every rule of the three
/// ports: the ones inherited from the chain of base classes, and here the rules about concurrent callers.
/// </summary>
/// <remarks>Concurrency tests use a few hundred calls, small enough for a database adapter on a two-core machine.</remarks>
public abstract class StoreComplianceTests : HostileInputComplianceTests
{
    private const int Workers = 8;
    private const int CallsPerWorker = 25;

    [Fact]
    public async Task Engine_FullConversationOverTheStore_BehavesAsInMemory()
    {
        await using var services = EngineOverStore();
        var chat = services.GetRequiredService<LiveChatEngine>();
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(WorkspaceA, new AgentRegistration(alice, "Alice", 1));
        await chat.Agents.SetStatusAsync(WorkspaceA, alice, AgentStatus.Online);

        var (conversation, token) = await chat.Conversations.StartAsync(WorkspaceA);
        (await chat.Visitors.RequestAgentAsync(WorkspaceA, conversation.Id, token)).Should().Be(HandoffOutcome.Assigned);
        await chat.Conversations.PostAgentMessageAsync(WorkspaceA, conversation.Id, alice, "Hello");
        await chat.Details.UpdateAsync(WorkspaceA, conversation.Id, alice, new ConversationDetailsUpdate { DealValue = new Money(99.5m, "EUR") });
        await chat.Conversations.EndAsync(WorkspaceA, conversation.Id, alice);

        var transcript = await chat.Conversations.GetTranscriptAsync(WorkspaceA, conversation.Id);
        transcript.Messages.Select(m => m.Sequence).Should().Equal(1, 2, 3, 4);
        transcript.Conversation.Details.DealValue.Should().Be(new Money(99.5m, "EUR"));
        (await chat.Agents.GetAsync(WorkspaceA, alice)).OpenConversations.Should().Be(0);
    }

    [Fact]
    public async Task CreateConversation_ConcurrentlyInOneWorkspace_NumbersAreUniqueAndGapFree()
    {
        var created = await Concurrently.RunAsync(Workers, async _ =>
        {
            var mine = new List<long>();
            for (var i = 0; i < CallsPerWorker; i++)
            {
                mine.Add((await Conversations.CreateConversationAsync(NewConversation())).Number);
            }

            return mine;
        });

        created.SelectMany(n => n).Order().Should().Equal(OneTo(Workers * CallsPerWorker));
    }

    [Fact]
    public async Task AppendAsync_Concurrently_SequencesAreContiguousAndEveryMessageIsStoredOnce()
    {
        var conversation = await CreateAsync();

        await Concurrently.RunAsync(Workers, async worker =>
        {
            for (var i = 0; i < CallsPerWorker; i++)
            {
                await AppendAsync(conversation, VisitorSays($"w{worker}-{i}", $"w{worker}-{i}"));
            }
        });

        var messages = await AllMessagesAsync(conversation);
        Sequences(messages).Should().Equal(OneTo(Workers * CallsPerWorker));
        messages.Select(m => m.Text).Should().OnlyHaveUniqueItems().And.HaveCount(Workers * CallsPerWorker);
        (await ReloadAsync(conversation)).LastSequence.Should().Be(Workers * CallsPerWorker);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentRetriesOfOneMessage_StoreItExactlyOnce()
    {
        var conversation = await CreateAsync();

        var results = await Concurrently.RunAsync(Workers, async _ =>
            await Conversations.AppendAsync(WorkspaceA, conversation.Id, conversation.Version, VisitorSays("hello", "c-1")));

        results.Count(r => !r.IsDuplicate).Should().Be(1);
        results.Select(r => r.Message.Sequence).Should().AllBeEquivalentTo(1L);
        Sequences(await AllMessagesAsync(conversation)).Should().Equal(1);
    }

    [Fact]
    public async Task CommitAsync_ConcurrentlyFromTheSameVersion_ExactlyOneWins()
    {
        var conversation = await CreateAsync();

        var outcomes = await Concurrently.RunAsync(Workers, worker => Concurrently.CatchAsync(() =>
            CommitAsync(conversation, c => c with { VisitorName = $"writer {worker}" }, VisitorSays($"from writer {worker}"))));

        outcomes.Count(e => e is null).Should().Be(1);
        outcomes.Where(e => e is not null).Should().AllBeOfType<ConcurrencyConflictException>();
        var stored = await ReloadAsync(conversation);
        stored.Version.Should().Be(2);
        var messages = await AllMessagesAsync(conversation);
        messages.Should().ContainSingle().Which.Text.Should().Be($"from {stored.VisitorName}");
    }

    [Fact]
    public async Task CommitAsync_ConcurrentAssignmentsToOneAgent_NeverExceedCapacity()
    {
        var agent = await RegisterAgentAsync("ann", capacity: 3);
        var conversations = await CreateManyAsync(Workers);

        var outcomes = await Concurrently.RunAsync(Workers, worker => Concurrently.CatchAsync(() => AssignAsync(conversations[worker], agent)));

        outcomes.Count(e => e is null).Should().Be(3);
        outcomes.Where(e => e is not null).Should().AllBeOfType<AgentCapacityExceededException>();
        (await OpenConversationsOfAsync(agent)).Should().Be(3);
        var owned = 0;
        foreach (var conversation in conversations)
        {
            var stored = await ReloadAsync(conversation);
            owned += stored.State == ConversationState.Assigned ? 1 : 0;
            stored.LastSequence.Should().Be(stored.State == ConversationState.Assigned ? 1 : 0, "a refused assignment appends nothing");
        }

        owned.Should().Be(3);
    }

    [Fact]
    public async Task AppendAndCommit_Concurrently_ShareOneGapFreeSequence()
    {
        // Appends and commits both write messages; the sequence must stay contiguous when they interleave.
        var conversation = await CreateAsync();

        await Concurrently.RunAsync(Workers, async worker =>
        {
            for (var i = 0; i < CallsPerWorker; i++)
            {
                if (worker % 2 == 0)
                {
                    await RetryOnConflictAsync(async () => await AppendAsync(await ReloadAsync(conversation), VisitorSays($"w{worker}-{i}")));
                }
                else
                {
                    await RetryOnConflictAsync(async () => await CommitAsync(await ReloadAsync(conversation), c => c, SystemSays(SystemEvent.None)));
                }
            }
        });

        var messages = await AllMessagesAsync(conversation);
        Sequences(messages).Should().Equal(OneTo(Workers * CallsPerWorker));
        var stored = await ReloadAsync(conversation);
        stored.LastSequence.Should().Be(Workers * CallsPerWorker);
        stored.Version.Should().Be(1 + (Workers / 2 * CallsPerWorker));
    }

    private static async Task RetryOnConflictAsync(Func<Task> attempt)
    {
        while (true)
        {
            try
            {
                await attempt();
                return;
            }
            catch (ConcurrencyConflictException)
            {
                // Another writer moved the version on; read again, as the services do.
            }
        }
    }
}
