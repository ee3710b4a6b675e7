using System.Collections.Concurrent;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Core.Tests.Scenarios;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Flow;

/// <summary>
/// Issue 15, item 1: a request loads once, decides, commits once and returns with its events; publishers react off the
/// caller's path, in commit order per conversation, and one conversation's slow subscriber never holds up another's.
/// </summary>
public sealed class OneWayFlowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task VisitorPost_ThroughThePublicApi_ReadsOnceWritesOnce_AndReturnsBeforeASlowPublisherFinishes()
    {
        var slow = new GatePublisher(e => e is MessagePosted { Message.Text: "hello" });
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatEventPublisher>(slow);
        services.AddLiveChat();
        var recorded = RecordingConversationStore.ReplaceIn(services);
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await using var subscription = chat.Events.Subscribe(Acme);
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        await Settle.AllAsync(provider);
        subscription.Reader.TryRead(out var started).Should().BeTrue();
        started.Should().BeOfType<ConversationStarted>();
        var recorder = recorded();
        recorder.Calls.Clear();

        var message = await chat.Visitors.PostAsync(Acme, conversation.Id, token, "hello").AsTask().WaitAsync(Patience);

        recorder.Calls.Should().Equal(nameof(IConversationStore.FindConversationAsync), nameof(IConversationStore.AppendAsync));
        await slow.Entered.Task.WaitAsync(Patience);
        slow.Finished.Should().BeFalse("the post returned while the publisher still waits at its gate");
        subscription.Reader.TryRead(out _).Should().BeFalse("the hub comes after the slow publisher, so it has nothing yet");

        slow.Open();

        var posted = await subscription.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        posted.Should().BeOfType<MessagePosted>().Which.Message.Should().Be(message);
        slow.Finished.Should().BeTrue();
        recorder.Calls.Should().HaveCount(2, "no subscriber read or wrote the conversation again");
    }

    [Fact]
    public async Task SlowPublisher_OnOneConversation_DoesNotHoldUpAnotherConversationsEvents()
    {
        var slow = new GatePublisher(e => e is MessagePosted { Message.Text: "stuck" });
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatEventPublisher>(slow);
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var (stuck, stuckToken) = await chat.Conversations.StartAsync(Acme);
        var (free, freeToken) = await chat.Conversations.StartAsync(Acme);
        await Settle.AllAsync(provider);
        await using var subscription = chat.Events.Subscribe(Acme);

        await chat.Visitors.PostAsync(Acme, stuck.Id, stuckToken, "stuck");
        await slow.Entered.Task.WaitAsync(Patience);
        await chat.Visitors.PostAsync(Acme, free.Id, freeToken, "free");

        var arrived = await subscription.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        arrived.Should().BeOfType<MessagePosted>().Which.Message.Text.Should().Be("free");
        slow.Finished.Should().BeFalse();

        slow.Open();
        var late = await subscription.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        late.Should().BeOfType<MessagePosted>().Which.Message.Text.Should().Be("stuck");
    }

    [Fact]
    public async Task ConcurrentWriters_OnManyConversations_EachPublisherGetsEveryConversationsEventsInCommitOrder()
    {
        const int Conversations = 8;
        const int WritersPerConversation = 4;
        const int PostsPerWriter = 50;
        var recording = new RecordingPublisher();
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatEventPublisher>(recording);
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var started = new List<StartedConversation>();
        for (var i = 0; i < Conversations; i++)
        {
            started.Add(await chat.Conversations.StartAsync(Acme));
        }

        await Task.WhenAll(started.SelectMany(s => Enumerable.Range(0, WritersPerConversation).Select(w => Task.Run(async () =>
        {
            for (var p = 0; p < PostsPerWriter; p++)
            {
                await chat.Visitors.PostAsync(Acme, s.Conversation.Id, s.VisitorToken, $"w{w}-p{p}");
            }
        }))));
        await Settle.AllAsync(provider);

        foreach (var s in started)
        {
            var sequences = recording.Posted[s.Conversation.Id].ToList();
            sequences.Should().Equal(Enumerable.Range(1, WritersPerConversation * PostsPerWriter).Select(n => (long)n), "events arrive in commit order, each once");
        }
    }

    private sealed class RecordingPublisher : ILiveChatEventPublisher
    {
        public ConcurrentDictionary<ConversationId, ConcurrentQueue<long>> Posted { get; } = new();

        public ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
        {
            if (liveChatEvent is MessagePosted posted)
            {
                Posted.GetOrAdd(posted.ConversationId, _ => new()).Enqueue(posted.Message.Sequence);
            }

            return ValueTask.CompletedTask;
        }
    }
}
