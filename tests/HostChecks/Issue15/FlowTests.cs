using System.Collections;
using System.Reflection;
using System.Text.Json;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Issue15;

public class FlowTests(ITestOutputHelper output)
{
    static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task Visitor_post_returns_before_a_blocking_host_publisher_finishes_and_the_event_follows()
    {
        var publisher = new RecordingPublisher { BlockWhen = e => e is MessagePosted { Message.Text: "block me" } };
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatEventPublisher>(publisher);
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var (c, token) = await chat.Conversations.StartAsync(Acme);

        var post = chat.Visitors.PostAsync(Acme, c.Id, token, "block me").AsTask();
        var finished = await Task.WhenAny(post, Task.Delay(TimeSpan.FromSeconds(10)));
        finished.Should().BeSameAs(post, "the post must not wait for a host publisher");
        await post;
        (await Poll.Until(() => publisher.Blocked.Task.IsCompleted)).Should().BeTrue("the publisher receives the event off the caller's path");
        // While the publisher blocks on this conversation, another conversation's post and its event are not held up.
        var (c2, token2) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.PostAsync(Acme, c2.Id, token2, "other");
        (await Poll.Until(() => publisher.Events.OfType<MessagePosted>().Any(m => m.ConversationId == c2.Id))).Should().BeTrue(
            "one conversation's slow publisher never holds up another conversation");
        // A later post on the blocked conversation returns at once too, and its event waits behind the blocked one.
        var second = chat.Visitors.PostAsync(Acme, c.Id, token, "after").AsTask();
        (await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(second);
        publisher.Events.OfType<MessagePosted>().Where(m => m.ConversationId == c.Id).Should().BeEmpty();
        publisher.Release.SetResult();
        (await Poll.Until(() => publisher.Events.OfType<MessagePosted>().Count(m => m.ConversationId == c.Id) == 2)).Should().BeTrue();
        publisher.Events.OfType<MessagePosted>().Where(m => m.ConversationId == c.Id).Select(m => m.Message.Text)
            .Should().Equal("block me", "after");
    }

    [Fact]
    public async Task Events_of_each_conversation_arrive_in_commit_order_under_concurrency()
    {
        var publisher = new RecordingPublisher();
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatEventPublisher>(publisher);
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 20));
        await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        var convs = new List<(ConversationId Id, VisitorToken Token)>();
        for (var i = 0; i < 8; i++) { var s = await chat.Conversations.StartAsync(Acme); convs.Add((s.Conversation.Id, s.VisitorToken)); }
        await Task.WhenAll(convs.Select(c => Task.Run(async () =>
        {
            var posts = Enumerable.Range(0, 15).Select(i => chat.Visitors.PostAsync(Acme, c.Id, c.Token, $"m{i}", $"cm{i}").AsTask());
            await Task.WhenAll(posts); // concurrent posts on one conversation too
            await chat.Conversations.ClaimAsync(Acme, c.Id, alice);
            await chat.Conversations.PostAgentMessageAsync(Acme, c.Id, alice, "reply");
            await chat.Conversations.EndAsync(Acme, c.Id, alice);
        })));
        foreach (var c in convs)
        {
            (await Poll.Until(() => publisher.Events.OfType<ConversationStateChanged>().Any(e => e.ConversationId == c.Id && e.Conversation.State == ConversationState.Ended)))
                .Should().BeTrue();
            // A commit's state change is published before its messages: the end's own system message may still be on its way.
            var last = (int)(await chat.Conversations.GetAsync(Acme, c.Id)).LastSequence;
            (await Poll.Until(() => publisher.Events.OfType<MessagePosted>().Count(m => m.ConversationId == c.Id) >= last))
                .Should().BeTrue("every stored message reaches the publisher");
            var mine = publisher.Events.Where(e => e.ConversationId == c.Id).ToList();
            var seqs = mine.OfType<MessagePosted>().Select(m => m.Message.Sequence).ToList();
            seqs.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
            seqs.Count.Should().Be(last);
            var versions = mine.OfType<ConversationStateChanged>().Select(e => e.Conversation.Version).ToList();
            versions.Should().BeInAscendingOrder();
            var endIndex = mine.FindIndex(e => e is ConversationStateChanged { Conversation.State: ConversationState.Ended });
            mine.Skip(endIndex + 1).Should().NotContain(e => (e is MessagePosted && ((MessagePosted)e).Message.SystemEvent != SystemEvent.Ended) || e is ConversationStateChanged,
                "nothing but the end's own system message is published after the end");
        }
    }

    [Fact]
    public async Task Handoff_answers_Assigned_Queued_Offered_or_Offline_consistently_with_the_stored_state()
    {
        async Task<(HandoffOutcome Outcome, Conversation Stored, HandoffResult Result)> Run(Action<LiveChatOptions> configure, bool online, int capacity = 3, int busyFirst = 0)
        {
            var services = new ServiceCollection();
            services.AddLiveChat(configure);
            await using var provider = services.BuildServiceProvider();
            var chat = provider.GetRequiredService<LiveChatEngine>();
            var alice = new AgentId("alice");
            await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", capacity));
            if (online) { await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online); await chat.Agents.HeartbeatAsync(Acme, alice); }
            for (var i = 0; i < busyFirst; i++)
            {
                var (b, bt) = await chat.Conversations.StartAsync(Acme);
                (await chat.Visitors.RequestAgentAsync(Acme, b.Id, bt)).Should().Be(HandoffOutcome.Assigned);
            }
            var (c, token) = await chat.Conversations.StartAsync(Acme);
            var outcome = await chat.Visitors.RequestAgentAsync(Acme, c.Id, token);
            var stored = await chat.Conversations.GetAsync(Acme, c.Id);
            output.WriteLine($"{outcome}: stored {stored.State} agent {stored.AssignedAgentId} offer {stored.Routing?.Offer?.AgentId}");
            return (outcome, stored, null!);
        }

        var assigned = await Run(_ => { }, online: true);
        assigned.Outcome.Should().Be(HandoffOutcome.Assigned);
        assigned.Stored.State.Should().Be(ConversationState.Assigned);
        assigned.Stored.AssignedAgentId.Should().Be(new AgentId("alice"));

        var offline = await Run(_ => { }, online: false);
        offline.Outcome.Should().Be(HandoffOutcome.Offline);
        offline.Stored.State.Should().Be(ConversationState.Offline);

        var full = await Run(_ => { }, online: true, capacity: 1, busyFirst: 1);
        full.Outcome.Should().Be(HandoffOutcome.Offline, "all agents busy is the offline flow (R2)");

        var queued = await Run(o => o.Routing.Mode = RoutingMode.Alert, online: true);
        queued.Outcome.Should().Be(HandoffOutcome.Queued);
        queued.Stored.State.Should().Be(ConversationState.Unassigned);

        var manual = await Run(o => o.Routing.Strategy = RoutingStrategy.Manual, online: true);
        manual.Outcome.Should().Be(HandoffOutcome.Queued);

        var offered = await Run(o => o.Routing.Mode = RoutingMode.Offer, online: true);
        offered.Outcome.Should().Be(HandoffOutcome.Offered);
        offered.Stored.Routing!.Offer!.AgentId.Should().Be(new AgentId("alice"));
    }

    // ----- events carry views -----

    static IEnumerable<(string Path, object? Value, Type Type)> Walk(object? o, string path, HashSet<object> seen, int depth = 0)
    {
        if (o is null || depth > 8) yield break;
        var t = o.GetType();
        if (t.IsPrimitive || o is string || o is DateTimeOffset || o is DateTime || o is TimeSpan || o is Guid || t.IsEnum) yield break;
        if (!t.IsValueType && !seen.Add(o)) yield break;
        if (o is IEnumerable e && o is not string)
        {
            var i = 0;
            foreach (var item in e) { foreach (var x in Walk(item, $"{path}[{i++}]", seen, depth + 1)) yield return x; }
            yield break;
        }
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract") continue;
            object? v;
            try { v = p.GetValue(o); } catch { continue; }
            yield return ($"{path}.{p.Name}", v, p.PropertyType);
            foreach (var x in Walk(v, $"{path}.{p.Name}", seen, depth + 1)) yield return x;
        }
    }

    [Fact]
    public async Task Events_a_host_receives_carry_views_never_the_token_hash_or_an_offer_token()
    {
        var publisher = new RecordingPublisher();
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatEventPublisher>(publisher);
        services.AddLiveChat(o => o.Routing.Mode = RoutingMode.Offer);
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await using var sub = chat.Events.Subscribe(Acme);
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 3));
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(bob, "Bob", 3));
        await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        var (c, token) = await chat.Conversations.StartAsync(Acme, new StartConversationRequest { VisitorName = "Jan" });
        await chat.Visitors.PostAsync(Acme, c.Id, token, "hello");
        var handoff = await chat.Conversations.RequestAgentAsync(Acme, c.Id);
        var offer = handoff.Conversation.Routing!.Offer!;
        await chat.Conversations.DeclineOfferAsync(Acme, c.Id, offer.AgentId, offer.Token);
        await chat.Agents.SetStatusAsync(Acme, bob, AgentStatus.Online);
        var again = await chat.Conversations.GetAsync(Acme, c.Id);
        if (again.Routing?.Offer is { } o2) await chat.Conversations.AcceptOfferAsync(Acme, c.Id, o2.AgentId, o2.Token);
        else await chat.Conversations.ClaimAsync(Acme, c.Id, bob);
        var owner = (await chat.Conversations.GetAsync(Acme, c.Id)).AssignedAgentId!.Value;
        await chat.Conversations.PostAgentMessageAsync(Acme, c.Id, owner, "hi");
        await chat.Conversations.EndAsync(Acme, c.Id, owner);
        var stored = await chat.Conversations.GetAsync(Acme, c.Id);
        var hash = stored.VisitorTokenHash;
        (await Poll.Until(() => publisher.Events.OfType<ConversationStateChanged>().Any(e => e.Conversation.State == ConversationState.Ended))).Should().BeTrue();
        var hubEvents = new List<LiveChatEvent>();
        while (sub.Reader.TryRead(out var ev)) hubEvents.Add(ev);
        hubEvents.Should().NotBeEmpty();

        var problems = new List<string>();
        foreach (var ev in publisher.Events.Concat(hubEvents))
        {
            var text = ev.ToString() + JsonSerializer.Serialize(ev, ev.GetType());
            if (hash is not null && text.Contains(hash, StringComparison.OrdinalIgnoreCase)) problems.Add($"{ev.GetType().Name} contains the token hash");
            if (text.Contains(token.Value)) problems.Add($"{ev.GetType().Name} contains the visitor token");
            foreach (var (path, value, type) in Walk(ev, ev.GetType().Name, new HashSet<object>(ReferenceEqualityComparer.Instance)))
            {
                var allowedOffer = ev is AgentNotification { Kind: AgentNotificationKind.Offered } n && path.StartsWith("AgentNotification.Offer");
                if (value is Conversation) problems.Add($"{path} is the stored Conversation record");
                if (value is RoutingTicket) problems.Add($"{path} is the stored RoutingTicket");
                if (value is RoutingOffer && !allowedOffer) problems.Add($"{path} ({(ev as AgentNotification)?.Kind}) carries a RoutingOffer with its fencing token");
                if (path.EndsWith("Hash", StringComparison.OrdinalIgnoreCase)) problems.Add($"{path} is a hash");
                if (path.EndsWith(".Token") && !allowedOffer) problems.Add($"{path} ({(ev as AgentNotification)?.Kind}) is a token");
            }
        }
        var kinds = publisher.Events.Select(e => e is AgentNotification n ? $"AgentNotification.{n.Kind}" : e.GetType().Name).Distinct();
        output.WriteLine(string.Join(", ", kinds));
        output.WriteLine(string.Join("\n", problems.Distinct()));
        problems.Should().BeEmpty();
        publisher.Events.OfType<AgentNotification>().Where(n => n.Kind == AgentNotificationKind.Offered).Should().NotBeEmpty()
            .And.AllSatisfy(n => n.Offer!.AgentId.Should().Be(n.AgentId, "the offered agent alone gets the token"));
        // Version is on ConversationView as a documented ordering stamp (issue: "unless the consumer needs it").
        publisher.Events.OfType<ConversationStateChanged>().Select(e => e.Conversation.Version).Should().BeInAscendingOrder();
    }
}
