using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace LiveChat.Orleans.Tests;

/// <summary>
/// Every event the engine publishes crosses from the silo that committed it to the others (feature X7): each kind
/// round-trips through Orleans' serializer, as the batch a silo sends, value for value.
/// </summary>
public sealed class EventRoundTripTests
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(RouterGrain).Assembly))
        .BuildServiceProvider();

    [Fact]
    public async Task SerializeThenDeserialize_EveryEventKindAsABatch_KeepsEveryValue()
    {
        var events = await OneOfEachAsync();
        var serializer = Services.GetRequiredService<Serializer>();

        var back = serializer.Deserialize<LiveChatEvent[]>(serializer.SerializeToArray(events))!;

        back.Select(e => e.GetType()).Should().Equal(events.Select(e => e.GetType()));
        back.Should().BeEquivalentTo(events, o => o.RespectingRuntimeTypes().WithStrictOrdering());
        Services.GetRequiredService<DeepCopier>().Copy(events).Should().BeEquivalentTo(events, o => o.RespectingRuntimeTypes());
    }

    [Fact]
    public async Task OneOfEach_CoversEveryPublicEventType()
    {
        var kinds = typeof(LiveChatEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LiveChatEvent)) && !t.IsAbstract);

        (await OneOfEachAsync()).Select(e => e.GetType()).Should().BeEquivalentTo(kinds, "a new event type needs a converter and a sample here");
    }

    private static async Task<LiveChatEvent[]> OneOfEachAsync()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var acme = new WorkspaceId("acme");
        var started = await chat.Conversations.StartAsync(acme, new StartConversationRequest { VisitorName = "Jan" });
        var queued = (await chat.Conversations.RequestAgentAsync(acme, started.Conversation.Id)).Conversation;
        var message = await chat.Conversations.PostBotMessageAsync(acme, queued.Id, "Hi!");
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var alice = new AgentId("alice");
        return
        [
            new MessagePosted(acme, message, at),
            new ConversationStarted(ConversationView.From(started.Conversation), at),
            new ConversationStateChanged(ConversationView.From(queued), ConversationState.BotFlow, alice, at),
            new AgentNotification(acme, queued.Id, alice, AgentNotificationKind.Offered, at) { Offer = new RoutingOffer(alice, 42, at, at.AddSeconds(30)), MessageSequence = 3 },
            new PlaybookFormRequested(acme, queued.Id, PlaybookFormKind.ContactForm, "Introduce yourself", "en", at),
            new EmailDeliveryFailed(acme, queued.Id, new FailedEmail("mail-1", EmailKind.UnreadMessages, EmailAddress.Create("jan@example.test", "Jan"), "Your chat", 3, "refused"), at),
        ];
    }
}
