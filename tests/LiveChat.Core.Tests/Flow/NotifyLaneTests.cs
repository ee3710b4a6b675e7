using LiveChat.Core.Conversations;
using LiveChat.Core.Flow;
using LiveChat.Core.Tests.Scenarios;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveChat.Core.Tests.Flow;

/// <summary>
/// Issue 15 (PostMessage overhead): an event that no notify reactor wants skips the notify lane, and skipping it loses
/// nothing a reactor or a subscriber would have seen; the events that do enter keep their commit order (feature N2).
/// </summary>
public sealed class NotifyLaneTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly WorkspaceId Other = new("other");

    [Fact]
    public async Task Enqueue_EventNoNotifyReactorWants_NeverReachesTheLane_WantedOnesKeepCommitOrder()
    {
        var picky = new PickyReactor(ReactorLane.Notify, e => e is MessageAppendedEvent { Message.Text: ['w', ..] });

        var seen = await PickyReactor.SeenAfterVisitorPostsAsync(picky, "skip-1", "w-1", "skip-2", "w-2", "w-3", "skip-3");

        seen.Should().Equal("w-1", "w-2", "w-3");
    }

    [Fact]
    public async Task Subscribe_AfterUnobservedPosts_ReceivesEveryLaterEventInCommitOrder()
    {
        await using var provider = new ServiceCollection().AddLiveChat().Services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "before anyone listens");
        await Settle.AllAsync(provider).WaitAsync(Patience);

        await using var subscription = chat.Events.Subscribe(Acme);
        var texts = Enumerable.Range(1, 20).Select(i => $"m{i}").ToArray();
        foreach (var text in texts)
        {
            await chat.Visitors.PostAsync(Acme, conversation.Id, token, text);
        }

        await Settle.AllAsync(provider).WaitAsync(Patience);
        var received = new List<string>();
        while (subscription.Reader.TryRead(out var e))
        {
            if (e is MessagePosted { Message.Sender.Kind: SenderKind.Visitor } posted)
            {
                received.Add(posted.Message.Text);
            }
        }

        received.Should().Equal(texts);
    }

    [Fact]
    public async Task PublishersReactorWants_FollowsHubSubscribersOfTheWorkspace_AndAlwaysForAHostPublisher()
    {
        await using var provider = new ServiceCollection().AddLiveChat().Services.BuildServiceProvider();
        var hub = provider.GetRequiredService<ChannelEventHub>();
        var hubOnly = new PublishersReactor([hub], NullLogger<PublishersReactor>.Instance);
        var withHost = new PublishersReactor([hub, new GatePublisher(_ => false)], NullLogger<PublishersReactor>.Instance);
        var created = new ConversationCreatedEvent(new Conversation
        {
            Workspace = Acme,
            Id = new ConversationId(Guid.CreateVersion7()),
            Channel = "web",
            VisitorName = "Visitor",
            VisitorTokenHash = "unused",
            CounterpartName = "Assistant",
        });

        hubOnly.Wants(created).Should().BeFalse("nobody subscribed");
        withHost.Wants(created).Should().BeTrue("a host publisher gets every event");
        await using (hub.Subscribe(Other))
        {
            hubOnly.Wants(created).Should().BeFalse("the only subscriber listens to another workspace");
        }

        var everything = hub.Subscribe();
        hubOnly.Wants(created).Should().BeTrue();
        await everything.DisposeAsync();
        hubOnly.Wants(created).Should().BeFalse("the subscriber left");
        await using (hub.Subscribe(Acme))
        {
            hubOnly.Wants(created).Should().BeTrue();
        }
    }
}
