using System.Threading.Channels;
using LiveChat.Core.Conversations;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>N2: the real-time transport port and its in-process default on bounded channels.</summary>
public sealed class N2_EventTransportTests
{
    [Fact]
    public async Task Subscriber_ReceivesEveryChange_OfItsWorkspaceOnly_InOrder()
    {
        await using var h = new LiveChatHarness();
        await using var subscription = h.Chat.Events.Subscribe(h.Workspace);
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, token) = await h.StartAsync();
        await h.StartAsync(workspace: new WorkspaceId("globex"));
        await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "hi");
        await h.Chat.Conversations.ClaimAsync(h.Workspace, conversation.Id, alice);

        var received = await DrainAsync(h.Services, subscription);

        received.Select(e => e.GetType().Name).Should().Equal(
            nameof(ConversationStarted), nameof(MessagePosted), nameof(ConversationStateChanged), nameof(MessagePosted), nameof(AgentNotification));
        received.Should().OnlyContain(e => e.Workspace == h.Workspace);
        received.OfType<ConversationStateChanged>().Single().Conversation.State.Should().Be(ConversationState.Assigned);
    }

    [Fact]
    public async Task SlowSubscriber_WithDropOldest_LosesOnlyItsOldestEvents_AndNeverBlocksTheChat()
    {
        await using var h = new LiveChatHarness(o => o.EventBufferCapacity = 2);
        await using var slow = h.Chat.Events.Subscribe();
        var (conversation, token) = await h.StartAsync();
        for (var i = 1; i <= 5; i++)
        {
            await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, $"m{i}");
        }

        (await DrainAsync(h.Services, slow)).OfType<MessagePosted>().Select(e => e.Message.Text).Should().Equal("m4", "m5");
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).LastSequence.Should().Be(5);
    }

    [Fact]
    public async Task FailingHostPublisher_IsLogged_AndNeverUndoesTheStoredChange()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatEventPublisher, ThrowingPublisher>();
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await using var subscription = chat.Events.Subscribe();
        var ws = new WorkspaceId("acme");

        var (conversation, token) = await chat.Conversations.StartAsync(ws);
        await chat.Visitors.PostAsync(ws, conversation.Id, token, "still stored");

        (await chat.Conversations.GetAsync(ws, conversation.Id)).LastSequence.Should().Be(1);
        (await DrainAsync(provider, subscription)).Should().HaveCount(2, "the in-process hub still receives every event");
    }

    [Fact]
    public async Task DisposedSubscription_CompletesItsReader_AndReceivesNothingMore()
    {
        await using var h = new LiveChatHarness();
        var subscription = h.Chat.Events.Subscribe();
        await subscription.DisposeAsync();

        await h.StartAsync();

        subscription.Reader.Completion.IsCompleted.Should().BeTrue();
    }

    private static async Task<List<LiveChatEvent>> DrainAsync(IServiceProvider services, EventSubscription subscription)
    {
        await Settle.AllAsync(services);
        var events = new List<LiveChatEvent>();
        while (subscription.Reader.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    private sealed class ThrowingPublisher : ILiveChatEventPublisher
    {
        public ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
            => throw new ChannelClosedException("the host's hub is down");
    }
}
