using System.Collections;
using System.Reflection;
using System.Text.Json;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>
/// N2 (issue 15, item 5): public events carry views. No event exposes the visitor's token hash, a store version or an
/// offer's fencing token, except the offer in the <see cref="AgentNotification"/> addressed to the agent who must accept it,
/// and the conversation's version on its own view: the ordering stamp that lets a client that gets the conversation by a
/// reply and by an event keep the newer (issue 17), for the workspace's agents and the conversation's visitor only.
/// </summary>
public sealed class N2_EventViewsTests
{
    private const string AllowedOfferPath = nameof(AgentNotification) + "." + nameof(AgentNotification.Offer);

    /// <summary>The conversation's own version, on the views of it: an ordering stamp, not a secret.</summary>
    private static readonly Type[] VersionedViews = [typeof(ConversationView), typeof(VisitorConversationView)];

    /// <summary>Types a public event must never reach: the stored records and the secrets.</summary>
    private static readonly Type[] Forbidden = [typeof(Conversation), typeof(RoutingTicket), typeof(VisitorToken), typeof(EmailDelivery)];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TheoryData<Type> PublicEventTypes() => new(EventTypes());

    private static Type[] EventTypes()
        => [.. typeof(LiveChatEvent).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(LiveChatEvent)) && !t.IsAbstract)];

    [Fact]
    public void PublicEventTypes_AreAllFound()
        => EventTypes().Should().Contain(
            [typeof(ConversationStarted), typeof(ConversationStateChanged), typeof(MessagePosted), typeof(AgentNotification), typeof(EmailDeliveryFailed), typeof(PlaybookFormRequested)]);

    [Theory]
    [MemberData(nameof(PublicEventTypes))]
    public void PublicEvent_PropertyGraph_ExposesNoTokenHashVersionOrOfferToken(Type eventType)
        => Leaks(eventType).Should().BeEmpty();

    [Fact]
    public void Leaks_OfTheStoredRecord_AreFound()
        => Leaks(typeof(Conversation)).Should().Contain(["Conversation.VisitorTokenHash", "Conversation.Version", "Conversation.Routing", "Conversation.Routing.Offer"],
            "the check finds what the stored record carries, so an event that carried it would fail");

    [Fact]
    public async Task PublishedEvents_SerializedAsJson_HaveNoTokenHashVersionOrOfferToken_ButTheOfferedAgentGetsItsToken()
    {
        await using var h = new LiveChatHarness(o =>
        {
            o.Routing.Mode = RoutingMode.Offer;
            o.Routing.PresenceTimeout = Timeout.InfiniteTimeSpan;
        });
        await using var subscription = h.Chat.Events.Subscribe(h.Workspace);
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, token) = await h.StartAsync("Nina");
        await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "I need a quote");
        await h.Chat.Visitors.RequestAgentAsync(h.Workspace, conversation.Id, token);
        var offer = (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).Routing!.Offer!;
        await h.Chat.Conversations.AcceptOfferAsync(h.Workspace, conversation.Id, alice, offer.Token);
        await h.Chat.Conversations.EndAsync(h.Workspace, conversation.Id, alice);
        var stored = await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id);
        await h.SettleAsync(); // events are published after the commit, off the caller's path
        var events = ReadAll(subscription);

        events.OfType<AgentNotification>().Should().Contain(n => n.Kind == AgentNotificationKind.Offered);
        events.AddRange(Constructed(stored));
        foreach (var e in events)
        {
            var json = JsonSerializer.Serialize(e, e.GetType(), Json);
            var names = PropertyPaths(JsonDocument.Parse(json).RootElement, e.GetType().Name).ToList();

            names.Should().NotContain(
                n => n.EndsWith(".visitorTokenHash", StringComparison.OrdinalIgnoreCase)
                    || (n.EndsWith(".version", StringComparison.OrdinalIgnoreCase) && !n.EndsWith(".conversation.version", StringComparison.Ordinal)),
                json);
            names.Where(n => n.EndsWith(".token", StringComparison.OrdinalIgnoreCase)).Should().BeSubsetOf(["AgentNotification.offer.token"], json);
            json.Should().NotContain(stored.VisitorTokenHash);
        }

        var offered = events.OfType<AgentNotification>().First(n => n.Kind == AgentNotificationKind.Offered);
        JsonSerializer.Serialize(offered, Json).Should().Contain("\"token\":", "the agent the offer is addressed to needs its token to accept");
        var pending = JsonSerializer.Serialize(events.OfType<ConversationStateChanged>().Single(e => e.Conversation.PendingOffer is not null), Json);
        pending.Should().Contain("\"pendingOffer\":{\"agentId\":\"bob\"", "a pending offer shows to whom and until when, without its token");
    }

    [Fact]
    public async Task ConversationView_ToVisitorView_IsWhatTheVisitorReadsOfTheirConversation()
    {
        await using var h = new LiveChatHarness();
        await using var subscription = h.Chat.Events.Subscribe(h.Workspace);
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, token) = await h.StartAsync("Nina");
        await h.Chat.Visitors.RequestAgentAsync(h.Workspace, conversation.Id, token);

        await h.SettleAsync(); // events are published after the commit, off the caller's path
        var changed = (ConversationStateChanged)ReadAll(subscription).Last(e => e is ConversationStateChanged);

        changed.Conversation.AssignedAgentId.Should().Be(alice);
        changed.Conversation.ToVisitorView().Should().Be(await h.Chat.Visitors.GetConversationAsync(h.Workspace, conversation.Id, token));
    }

    [Fact]
    public async Task ConversationView_OfAQueuedRequest_SaysForWhichTargetItWaits()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        await using var subscription = h.Chat.Events.Subscribe(h.Workspace);
        var team = await h.TeamAsync("sales");
        await h.OnlineAgentAsync("alice", 5, null, "sales");

        var waiting = await h.RequestAsync(RoutingTarget.ToTeam(team));
        await h.SettleAsync(); // events are published after the commit, off the caller's path
        var queued = ReadAll(subscription).OfType<ConversationStateChanged>().Last(e => e.ConversationId == waiting.Conversation.Id);

        queued.Conversation.State.Should().Be(ConversationState.Unassigned);
        queued.Conversation.QueuedFor.Should().Be(RoutingTarget.ToTeam(team));
        queued.Conversation.QueuedAt.Should().Be(h.Clock.GetUtcNow());
        queued.Conversation.PendingOffer.Should().BeNull();
    }

    private static IEnumerable<LiveChatEvent> Constructed(Conversation stored)
    {
        var now = stored.StartedAt;
        var offer = new RoutingOffer(new AgentId("bob"), 7, now, now.AddSeconds(30));
        var offered = stored with { State = ConversationState.Unassigned, AssignedAgentId = null, Routing = new RoutingTicket(RoutingTarget.Workspace, now, offer) };
        yield return new ConversationStateChanged(ConversationView.From(offered), ConversationState.BotFlow, null, now);
        yield return new PlaybookFormRequested(stored.Workspace, stored.Id, PlaybookFormKind.ContactForm, "Leave us your e-mail", "en", now);
        yield return new EmailDeliveryFailed(stored.Workspace, stored.Id,
            new FailedEmail("reply-1", EmailKind.UnreadMessages, EmailAddress.Create("nina@example.com"), "New reply", 5, "550 mailbox unavailable"), now);
    }

    private static List<LiveChatEvent> ReadAll(EventSubscription subscription)
    {
        var events = new List<LiveChatEvent>();
        while (subscription.Reader.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    private static IEnumerable<string> PropertyPaths(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var at = $"{path}.{property.Name}";
                yield return at;
                foreach (var inner in PropertyPaths(property.Value, at))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in element.EnumerateArray().SelectMany(item => PropertyPaths(item, path + "[]")))
            {
                yield return inner;
            }
        }
    }

    /// <summary>Every path in the public property graph of <paramref name="root"/> that leads to a secret or a stored record.</summary>
    private static List<string> Leaks(Type root)
    {
        var leaks = new List<string>();
        Walk(root, root.Name, [], leaks);
        return leaks;
    }

    private static void Walk(Type type, string path, HashSet<Type> seen, List<string> leaks)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var elements = type.IsArray ? [type.GetElementType()!] : type.GetGenericArguments();
            foreach (var element in elements)
            {
                Walk(element, path + "[]", seen, leaks);
            }

            return;
        }

        if (path.Contains('.', StringComparison.Ordinal) && Forbidden.Contains(type))
        {
            leaks.Add(path);
        }

        if (type.Assembly != typeof(LiveChatEvent).Assembly || type.IsEnum || !seen.Add(type))
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var at = $"{path}.{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (property.Name.Contains("TokenHash", StringComparison.OrdinalIgnoreCase) || (property.Name == "Version" && !VersionedViews.Contains(type))
                || (propertyType == typeof(RoutingOffer) && at != AllowedOfferPath))
            {
                leaks.Add(at);
            }

            Walk(property.PropertyType, at, seen, leaks);
        }

        seen.Remove(type);
    }
}
