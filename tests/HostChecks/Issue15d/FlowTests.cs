using System.Collections.Concurrent;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Xunit;

namespace Checks;

public class FlowTests
{
    static readonly WorkspaceId Acme = new("acme");
    static readonly AgentId Alice = new("alice");

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Post_ReturnsBeforeSlowSubscriberFinishes_ThenEventsArriveInOrder(string kind)
    {
        var time = Fx.Clock();
        var rec = new Recorder();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = Host.Build(time, kind == "memory" ? null : SqliteDb.Fresh(), rec);
        var (c, token) = await h.Chat.Conversations.StartAsync(Acme);
        await Poll.Until(() => rec.Of<ConversationStarted>().Any(), "start published");
        rec.Gate = async e => { if (e is MessagePosted) { blocked.TrySetResult(); await release.Task; } };
        var post = h.Chat.Visitors.PostAsync(Acme, c.Id, token, "first", "m1").AsTask();
        var done = await Task.WhenAny(post, Task.Delay(TimeSpan.FromSeconds(10)));
        done.Should().BeSameAs(post, "a post must not wait for a blocked publisher");
        var second = await h.Chat.Visitors.PostAsync(Acme, c.Id, token, "second", "m2");
        second.Sequence.Should().BeGreaterThan((await post).Sequence);
        await blocked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        rec.Of<MessagePosted>().Should().BeEmpty("the publisher is still blocked");
        release.SetResult();
        await Poll.Until(() => rec.Of<MessagePosted>().Count() == 2, "both messages published");
        rec.Of<MessagePosted>().Select(m => m.Message.Text).Should().Equal("first", "second");
    }

    [Fact]
    public async Task Handoff_AnswersAssignedQueuedOfflineOffered()
    {
        var time = Fx.Clock();
        // Offline: nobody online
        await using (var h = Host.Build(time, SqliteDb.Fresh(), new Recorder()))
        {
            await h.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 1));
            var (c, t) = await h.Chat.Conversations.StartAsync(Acme);
            (await h.Chat.Visitors.RequestAgentAsync(Acme, c.Id, t)).Should().Be(HandoffOutcome.Offline);
            // Assigned: once online, a new request
            await h.Chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
            // the offline request waiting in the backlog is assigned when Alice comes online (reference: "offline messages are never stranded")
            await Poll.Until(async () => (await h.Chat.Conversations.GetAsync(Acme, c.Id)).AssignedAgentId == Alice, "backlog assigned on online");
            var (c2, t2) = await h.Chat.Conversations.StartAsync(Acme);
            // Alice is full (capacity 1): all busy -> offline form (R2)
            (await h.Chat.Visitors.RequestAgentAsync(Acme, c2.Id, t2)).Should().Be(HandoffOutcome.Offline);
        }
        await using (var h = Host.Build(time, SqliteDb.Fresh(), new Recorder()))
        {
            await h.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 2));
            await h.Chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
            var (c, t) = await h.Chat.Conversations.StartAsync(Acme);
            var r = await h.Chat.Conversations.RequestAgentAsync(Acme, c.Id);
            r.Outcome.Should().Be(HandoffOutcome.Assigned);
            r.Conversation.AssignedAgentId.Should().Be(Alice);
            (await h.Chat.Conversations.GetAsync(Acme, c.Id)).State.Should().Be(ConversationState.Assigned);
        }
        await using (var h = Host.Build(time, SqliteDb.Fresh(), new Recorder(), configure: o => o.Routing.Strategy = RoutingStrategy.Manual))
        {
            await h.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 2));
            await h.Chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
            var (c, t) = await h.Chat.Conversations.StartAsync(Acme);
            var r = await h.Chat.Conversations.RequestAgentAsync(Acme, c.Id);
            r.Outcome.Should().Be(HandoffOutcome.Queued);
            r.Conversation.State.Should().Be(ConversationState.Unassigned);
        }
        await using (var h = Host.Build(time, SqliteDb.Fresh(), new Recorder(), configure: o => o.Routing.Mode = RoutingMode.Offer))
        {
            await h.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 2));
            await h.Chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
            var (c, t) = await h.Chat.Conversations.StartAsync(Acme);
            var r = await h.Chat.Conversations.RequestAgentAsync(Acme, c.Id);
            r.Outcome.Should().Be(HandoffOutcome.Offered);
            r.Conversation.Routing!.Offer!.AgentId.Should().Be(Alice);
        }
    }

    [Fact]
    public async Task Handoff_AnswerNotHeldByBlockedPublisher()
    {
        var time = Fx.Clock();
        var rec = new Recorder();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = Host.Build(time, SqliteDb.Fresh(), rec);
        await h.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 2));
        await h.Chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
        rec.Gate = _ => release.Task;
        var (c, t) = await h.Chat.Conversations.StartAsync(Acme);
        var ask = h.Chat.Visitors.RequestAgentAsync(Acme, c.Id, t).AsTask();
        (await Task.WhenAny(ask, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(ask);
        (await ask).Should().Be(HandoffOutcome.Assigned);
        release.SetResult();
    }

    sealed record Race(ConcurrentBag<string> Acked, ConcurrentBag<(string id, Exception e)> Refused, HashSet<string?> Stored, List<ChatMessage> Messages, long LastSequence, Exception? Late)
    {
        public string Tally => string.Join(", ", Refused.GroupBy(r => r.e.GetType().Name).Select(g => $"{g.Count()} {g.Key}"));
    }

    /// 200 concurrent visitor posts; the host is disposed once a few are acknowledged; then a new host reads the store.
    static async Task<Race> RunRace(string kind)
    {
        var time = Fx.Clock();
        Db db = kind == "sqlite" ? SqliteDb.Fresh() : PgDb.Fresh();
        var acked = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<(string id, Exception e)>();
        var h = Host.Build(time, db, new Recorder());
        var (conv, token) = await h.Chat.Conversations.StartAsync(Acme);
        var id = conv.Id;
        var chat = h.Chat;
        var posts = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var cmid = $"m{i}";
            try { await chat.Visitors.PostAsync(Acme, id, token, $"text {i}", cmid); acked.Add(cmid); }
            catch (Exception e) { refused.Add((cmid, e)); }
        })).ToList();
        await Poll.Until(() => acked.Count >= 5, "some posts acknowledged");
        await h.DisposeAsync();
        await Task.WhenAll(posts);
        Exception? late = null;
        try { await chat.Visitors.PostAsync(Acme, id, token, "late", "late"); } catch (Exception e) { late = e; }
        await using var h2 = Host.Build(time, db, new Recorder());
        var msgs = (await h2.Chat.Conversations.GetMessagesAsync(Acme, id, 0, 1000)).ToList();
        var last = (await h2.Chat.Conversations.GetAsync(Acme, id)).LastSequence;
        return new Race(acked, refused, msgs.Select(m => m.ClientMessageId).Where(x => x != null).ToHashSet(), msgs, last, late);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("pg")]
    public async Task DisposeMidFlight_NothingHalfWritten_AckedStored_LateCallEngineStopped(string kind)
    {
        var r = await RunRace(kind);
        r.Stored.Should().Contain(r.Acked, "every acknowledged post is stored");
        r.Messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, r.Messages.Count).Select(i => (long)i), "no gap, no half-written message");
        r.LastSequence.Should().Be(r.Messages.Count);
        r.Late.Should().BeOfType<EngineStoppedException>();
        LiveChatException.CategoryOf(r.Late!).Should().Be(LiveChatErrorCategory.Unavailable);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("pg")]
    public async Task DisposeMidFlight_AThrownPostIsNotStored(string kind)
    {
        var r = await RunRace(kind);
        var extra = r.Refused.Where(x => r.Stored.Contains(x.id)).Select(x => $"{x.id}: {x.e.GetType().Name} ({LiveChatException.CategoryOf(x.e)?.ToString() ?? "no category"}): {x.e.Message.Split('\n')[0]}").ToList();
        extra.Should().BeEmpty($"a call that threw changed nothing (reference.md, Errors); {r.Acked.Count} acked; refusals: {r.Tally}");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("pg")]
    public async Task DisposeMidFlight_EveryRefusalHasACategory(string kind)
    {
        var r = await RunRace(kind);
        var odd = r.Refused.Where(x => LiveChatException.CategoryOf(x.e) is null).Select(x => x.e).ToList();
        var first = odd.FirstOrDefault(e => e is not OperationCanceledException) ?? odd.FirstOrDefault();
        odd.Should().BeEmpty($"every SDK exception is a LiveChatException with a category (docs: EngineStoppedException, Unavailable); refusals: {r.Tally}; e.g. {first?.GetType().Name}: {first?.Message?.Replace("\n", " ")} at {first?.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("LiveChat"))?.Trim()}");
    }

    [Fact]
    public async Task AfterDispose_Writes_EngineStopped_Unavailable()
    {
        var time = Fx.Clock();
        var h = Host.Build(time, SqliteDb.Fresh(), new Recorder());
        var chat = h.Chat;
        var (c, t) = await chat.Conversations.StartAsync(Acme);
        await h.DisposeAsync();
        async Task<Exception?> Catch(Func<Task> f) { try { await f(); return null; } catch (Exception e) { return e; } }
        var results = new Dictionary<string, Exception?>
        {
            ["visitor post"] = await Catch(async () => await chat.Visitors.PostAsync(Acme, c.Id, t, "late")),
            ["start"] = await Catch(async () => await chat.Conversations.StartAsync(Acme)),
            ["register"] = await Catch(async () => await chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice"))),
            ["end"] = await Catch(async () => await chat.Conversations.EndAsync(Acme, c.Id)),
            ["publish"] = await Catch(async () => await chat.Playbooks.PublishAsync(Acme, new LiveChat.Core.Playbooks.Playbook { Id = "p", Version = 1, Language = "en", StartCardId = "e", Cards = [new LiveChat.Core.Playbooks.EndCard { Id = "e", Text = "bye" }] })),
            ["settings"] = await Catch(async () => await chat.Email.ConfigureAsync(Acme, new LiveChat.Core.Email.EmailSettings { WorkspaceName = "x" })),
        };
        foreach (var (what, e) in results)
        {
            e.Should().BeOfType<EngineStoppedException>($"{what} after disposal: {e?.GetType().Name}: {e?.Message}");
            LiveChatException.CategoryOf(e!).Should().Be(LiveChatErrorCategory.Unavailable, what);
        }
    }

    [Fact]
    public async Task AfterDispose_ReadsStillAnswer()
    {
        var time = Fx.Clock();
        var h = Host.Build(time, SqliteDb.Fresh(), new Recorder());
        var chat = h.Chat;
        var (c, t) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.PostAsync(Acme, c.Id, t, "hello");
        await h.DisposeAsync();
        // reference.md: "Reads still answer." (docs/architecture.md Lifecycle)
        var read = await chat.Conversations.GetAsync(Acme, c.Id);
        read.LastSequence.Should().Be(1);
    }
}
