using System.Collections.Concurrent;
using System.Reflection;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// One workspace's router, driven through the engine and inspected directly: its backlog, its offers, its drain's
/// store reads, and the drain the callers wait for (features R2, R3, R6, R7).
/// </summary>
public sealed class WorkspaceRouterTests : IAsyncDisposable
{
    private readonly CountingStore _reads = new();
    private readonly LiveChatHarness _harness;

    public WorkspaceRouterTests()
        => _harness = new LiveChatHarness(register: services => services.AddSingleton<IConversationStore>(sp => _reads.Wrap(sp.GetRequiredService<InMemoryLiveChatStore>())));

    private LiveChatEngine Chat => _harness.Chat;

    private WorkspaceId Ws => _harness.Workspace;

    [Fact]
    public async Task ObserveAsync_RequestsWhileNobodyIsFree_WaitInTheBacklog_UntilASeatFrees()
    {
        var alice = await _harness.OnlineAgentAsync("alice", capacity: 1);
        var first = await _harness.RequestAsync();
        var second = await _harness.RequestAsync();
        var router = await RouterAsync();

        first.Outcome.Should().Be(HandoffOutcome.Assigned);
        second.Outcome.Should().Be(HandoffOutcome.Offline, "nobody has a free seat; an offline request stays in the backlog");
        router.Waiting.Should().Be(1);

        await Chat.Conversations.EndAsync(Ws, first.Conversation.Id, endedBy: alice);

        router.Waiting.Should().Be(0);
        (await Chat.Conversations.GetAsync(Ws, second.Conversation.Id)).AssignedAgentId.Should().Be(alice);
    }

    [Fact]
    public async Task DrainPass_PlacesTheBacklogFromItsSnapshots_WithoutReadingEachConversation()
    {
        await Chat.Agents.RegisterAsync(Ws, new AgentRegistration(new AgentId("alice"), "Alice", 20));
        var waiting = new List<ConversationId>();
        for (var i = 0; i < 10; i++)
        {
            waiting.Add((await _harness.RequestAsync()).Conversation.Id);
        }

        _reads.Reset();
        await Chat.Agents.SetStatusAsync(Ws, new AgentId("alice"), AgentStatus.Online);

        _reads.Count(nameof(IConversationStore.FindConversationAsync)).Should().Be(0, "the backlog holds each waiting conversation as last stored");
        _reads.Count(nameof(IConversationStore.CommitAsync)).Should().Be(10);
        foreach (var id in waiting)
        {
            (await Chat.Conversations.GetAsync(Ws, id)).State.Should().Be(ConversationState.Assigned);
        }
    }

    [Fact]
    public async Task DrainPass_AfterTheVisitorPostedWhileWaiting_ReadsThatConversationOnce_AndPlacesIt()
    {
        await Chat.Agents.RegisterAsync(Ws, new AgentRegistration(new AgentId("alice"), "Alice", 5));
        var started = await _harness.StartAsync();
        await Chat.Conversations.RequestAgentAsync(Ws, started.Conversation.Id);
        await Chat.Visitors.PostAsync(Ws, started.Conversation.Id, started.VisitorToken, "still there?");

        _reads.Reset();
        await Chat.Agents.SetStatusAsync(Ws, new AgentId("alice"), AgentStatus.Online);

        _reads.Count(nameof(IConversationStore.FindConversationAsync)).Should().Be(1);
        _reads.Count(nameof(IConversationStore.CommitAsync)).Should().Be(1, "the fresh read commits at the first attempt");
        (await Chat.Conversations.GetAsync(Ws, started.Conversation.Id)).State.Should().Be(ConversationState.Assigned);
    }

    [Fact]
    public async Task ObserveAsync_AnOfferMade_HoldsTheSeatUntilItsLeaseRunsOut()
    {
        await using var offers = new LiveChatHarness(o =>
        {
            o.Routing.Mode = RoutingMode.Offer;
            o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);
        });
        await offers.OnlineAgentAsync("alice", capacity: 1);
        var request = await offers.RequestAsync();
        var router = await offers.Services.GetRequiredService<Router>().ForWorkspaceAsync(offers.Workspace, default);

        request.Conversation.Routing!.Offer.Should().NotBeNull();
        router.LiveOffers.Should().Be(1);
        router.IsRoutable(new AgentId("alice")).Should().BeFalse("the offer holds the only seat");

        await offers.AdvanceAsync(TimeSpan.FromSeconds(30));

        (await offers.Chat.Conversations.GetAsync(offers.Workspace, request.Conversation.Id)).Routing!.PreviousOffer!.AgentId.Should().Be(new AgentId("alice"));
    }

    [Fact]
    public async Task Dispose_StopsEveryTimer_SoNothingFiresAfterward()
    {
        await using var offers = new LiveChatHarness(o => o.Routing.Mode = RoutingMode.Offer);
        await offers.OnlineAgentAsync("alice", capacity: 1);
        var request = await offers.RequestAsync();
        var router = await offers.Services.GetRequiredService<Router>().ForWorkspaceAsync(offers.Workspace, default);

        router.Dispose();
        await offers.AdvanceAsync(TimeSpan.FromHours(1));

        (await offers.Chat.Conversations.GetAsync(offers.Workspace, request.Conversation.Id)).Routing!.Offer.Should().NotBeNull();
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private ValueTask<WorkspaceRouter> RouterAsync() => _harness.Services.GetRequiredService<Router>().ForWorkspaceAsync(Ws, default);

    /// <summary>Counts the calls made to the conversation store, by method.</summary>
    private sealed class CountingStore
    {
        private readonly ConcurrentDictionary<string, int> _calls = new();

        public IConversationStore Wrap(IConversationStore inner)
        {
            var proxy = DispatchProxy.Create<IConversationStore, Counting>();
            ((Counting)(object)proxy).Init(inner, this);
            return proxy;
        }

        public int Count(string method) => _calls.GetValueOrDefault(method);

        public void Reset() => _calls.Clear();

        private void Called(string method) => _calls.AddOrUpdate(method, 1, (_, n) => n + 1);

        /// <summary>The proxy: unsealed, public, with a parameterless constructor, as <see cref="DispatchProxy"/> derives from it.</summary>
#pragma warning disable CA1852 // DispatchProxy generates a subtype at run time.
        public class Counting : DispatchProxy
#pragma warning restore CA1852
        {
            private IConversationStore _inner = null!;
            private CountingStore _owner = null!;

            internal void Init(IConversationStore inner, CountingStore owner) => (_inner, _owner) = (inner, owner);

            protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
            {
                _owner.Called(targetMethod!.Name);
                try
                {
                    return targetMethod.Invoke(_inner, args);
                }
                catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
                    throw;
                }
            }
        }
    }
}
