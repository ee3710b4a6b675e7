using FluentAssertions;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// Issue 15 item 3 across a restart: the published playbook and each visitor's place in it live in the database, so a
/// host built after the previous one was disposed continues the flow with no second greeting. An adapter's test project
/// derives from this class once.
/// </summary>
public abstract class DurableStateRestartTests
{
    /// <summary>The workspace the tests use.</summary>
    protected static readonly WorkspaceId Acme = new("acme");

    /// <summary>Makes an empty database, how to register it on a host, and how to drop it.</summary>
    protected abstract ValueTask<(Action<ILiveChatBuilder> Use, Func<ValueTask> Dispose)> CreateDatabaseAsync();

    /// <summary>Hosts whose agents are present for 60 s after a heartbeat and have their chats requeued 2 min after they go (R1, R6).</summary>
    private static RestartHosts PresenceHosts(Action<ILiveChatBuilder> use) => new(use, o =>
    {
        o.Routing.PresenceTimeout = TimeSpan.FromSeconds(60);
        o.Routing.RequeuePolicy = Routing.RequeuePolicy.Requeue;
        o.Routing.RequeueAfter = TimeSpan.FromMinutes(2);
    });

    [Fact]
    public async Task P1_AVisitorMidPlaybook_ContinuesAfterARestart_WithNoSecondGreeting()
    {
        var (use, dispose) = await CreateDatabaseAsync();
        try
        {
            var hosts = new RestartHosts(use);
            Conversations.StartedConversation visitor;
            await using (var before = await hosts.StartAsync())
            {
                var chat = before.GetRequiredService<LiveChatEngine>();
                await chat.Playbooks.PublishAsync(Acme, RestartHosts.Playbook());
                visitor = await chat.Conversations.StartAsync(Acme);
                await chat.Visitors.PostAsync(Acme, visitor.Conversation.Id, visitor.VisitorToken, "Sales", "m1");
                (await RestartHosts.BotSaysAsync(before, Acme, visitor.Conversation.Id)).Last().Should().Be("Your e-mail?");
            }

            await using var after = await hosts.StartAsync();
            var again = after.GetRequiredService<LiveChatEngine>();
            await again.Visitors.PostAsync(Acme, visitor.Conversation.Id, visitor.VisitorToken, "lea@example.fr", "m2");

            (await RestartHosts.BotSaysAsync(after, Acme, visitor.Conversation.Id)).Should().Equal(
                "Hi, I'm Leo.", "What brings you here?\n1. Sales\n2. Support", "Your e-mail?", "Thanks, we will write to you.");
            var run = await again.Playbooks.GetRunAsync(Acme, visitor.Conversation.Id);
            run!.Status.Should().Be(PlaybookRunStatus.Finished);
            run.Answers.Should().Contain("topic", "Sales").And.Contain("email", "lea@example.fr");
        }
        finally
        {
            await dispose();
        }
    }

    [Fact]
    public async Task P1_APublishedPlaybook_StaysActiveAfterARestart_AndItsVersionsStayRefused()
    {
        var (use, dispose) = await CreateDatabaseAsync();
        try
        {
            var hosts = new RestartHosts(use);
            await using (var before = await hosts.StartAsync())
            {
                await before.GetRequiredService<LiveChatEngine>().Playbooks.PublishAsync(Acme, RestartHosts.Playbook() with { Version = 2 });
            }

            await using var after = await hosts.StartAsync();
            var chat = after.GetRequiredService<LiveChatEngine>();
            (await chat.Playbooks.GetActiveAsync(Acme))!.Version.Should().Be(2);
            await FluentActions.Awaiting(async () => await chat.Playbooks.PublishAsync(Acme, RestartHosts.Playbook()))
                .Should().ThrowAsync<PlaybookVersionConflictException>();
            var visitor = await chat.Conversations.StartAsync(Acme);
            (await RestartHosts.BotSaysAsync(after, Acme, visitor.Conversation.Id)).First().Should().Be("Hi, I'm Leo.");
        }
        finally
        {
            await dispose();
        }
    }

    [Fact]
    public async Task E6_AQueuedEmailAndAVisitorsAddress_AreStillThereAfterARestart()
    {
        var (use, dispose) = await CreateDatabaseAsync();
        try
        {
            var hosts = new RestartHosts(use);
            // Not due: no dispatcher sends it while the hosts run.
            var entry = EmailStoreComplianceTests.Entry("transcript.restart.1", new DateTimeOffset(2036, 11, 30, 9, 0, 0, TimeSpan.Zero));
            var recipient = new EmailRecipient { Workspace = entry.Workspace, ConversationId = entry.ConversationId, Address = entry.Message.To, Version = 1 };
            await using (var before = await hosts.StartAsync())
            {
                var outbox = before.GetRequiredService<IEmailStore>();
                await outbox.EnqueueAsync(entry);
                (await outbox.TrySaveRecipientAsync(recipient)).Should().BeTrue();
            }

            await using var after = await hosts.StartAsync();
            var again = after.GetRequiredService<IEmailStore>();
            (await again.FindDeliveryAsync(entry.Id)).Should().BeEquivalentTo(entry);
            (await again.FindRecipientAsync(entry.Workspace, entry.ConversationId)).Should().BeEquivalentTo(recipient);
        }
        finally
        {
            await dispose();
        }
    }

    [Theory]
    [InlineData("offline before the stop", 60, 61)]
    [InlineData("silent and past the grace while the host is down", 3 * 3600, 1)]
    public async Task R6_AnAgentWhoWentAwayHoldingAChat_HasItRequeuedOneGraceAfterTheyWent_WithNoCallAfterTheStart(string how, int downSeconds, int afterStartSeconds)
    {
        // Presence timeout 60 s, grace 2 min; Alice's heartbeat and the assignment at 09:00:00. Offline at 09:00:00: the
        // grace ends at 09:02:00. Silent: her heartbeat lapses at 09:01:00 and the grace ends at 09:03:00. The new host
        // starts after the downtime and is asked nothing; each case looks one second before (when it can) and one second
        // after the grace's end. The grace counts from when she went, not from when the new host first read her, which
        // gave her a second grace (the outside check's fault).
        var (use, dispose) = await CreateDatabaseAsync();
        try
        {
            var hosts = PresenceHosts(use);
            var alice = new Agents.AgentId("alice");
            Conversations.ConversationId chat;
            await using (var before = await hosts.StartAsync())
            {
                var engine = before.GetRequiredService<LiveChatEngine>();
                await engine.Agents.RegisterAsync(Acme, new Agents.AgentRegistration(alice, "Alice", 3));
                await engine.Agents.SetStatusAsync(Acme, alice, Agents.AgentStatus.Online);
                chat = (await engine.Conversations.StartAsync(Acme)).Conversation.Id;
                (await engine.Conversations.RequestAgentAsync(Acme, chat)).Outcome.Should().Be(Conversations.HandoffOutcome.Assigned);
                if (how == "offline before the stop")
                {
                    await engine.Agents.SetStatusAsync(Acme, alice, Agents.AgentStatus.Offline);
                }
            }

            hosts.Clock.Advance(TimeSpan.FromSeconds(downSeconds));
            await using var after = await hosts.StartAsync();
            var again = after.GetRequiredService<LiveChatEngine>();
            if (afterStartSeconds > 2)
            {
                await hosts.AdvanceAsync(after, TimeSpan.FromSeconds(afterStartSeconds - 2));
                (await again.Conversations.GetAsync(Acme, chat)).State.Should().Be(Conversations.ConversationState.Assigned, $"{how}: the grace has not ended");
            }

            await hosts.AdvanceAsync(after, TimeSpan.FromSeconds(Math.Min(2, afterStartSeconds)));

            (await again.Conversations.GetAsync(Acme, chat)).State.Should().Be(Conversations.ConversationState.Unassigned, $"{how}: the presence grace is recoverable from the store (issue 15)");
            (await again.Conversations.GetMessagesAsync(Acme, chat, 0, 100)).Count(m => m.SystemEvent == Conversations.SystemEvent.Requeued).Should().Be(1);
        }
        finally
        {
            await dispose();
        }
    }

    [Fact]
    public async Task R6_AStart_LoadsNoWorkspaceWhoseAgentsAreStillPresent_AndTheirLapseAfterTheStartStillRequeues()
    {
        // CI found every start loading the routing table of every workspace that ever had an agent present (each has a
        // presence item), so a store shared by many workspaces made each start slower than the last. An item due later
        // is now armed on a timer; the table loads when it comes due. Twenty workspaces, each with Alice present holding
        // a chat at 09:00:00; the new host starts at 09:00:10 and is asked nothing: it loads no table, then her lapse
        // (09:01:00) and the grace's end (09:03:00) requeue every chat.
        const int Workspaces = 20;
        var (use, dispose) = await CreateDatabaseAsync();
        try
        {
            var hosts = PresenceHosts(use);
            var alice = new Agents.AgentId("alice");
            var chats = new List<(WorkspaceId Workspace, Conversations.ConversationId Chat)>();
            await using (var before = await hosts.StartAsync())
            {
                var engine = before.GetRequiredService<LiveChatEngine>();
                for (var i = 0; i < Workspaces; i++)
                {
                    var workspace = new WorkspaceId($"present-{i}-{Guid.NewGuid():N}");
                    await engine.Agents.RegisterAsync(workspace, new Agents.AgentRegistration(alice, "Alice", 3));
                    await engine.Agents.SetStatusAsync(workspace, alice, Agents.AgentStatus.Online);
                    var chat = (await engine.Conversations.StartAsync(workspace)).Conversation.Id;
                    (await engine.Conversations.RequestAgentAsync(workspace, chat)).Outcome.Should().Be(Conversations.HandoffOutcome.Assigned);
                    chats.Add((workspace, chat));
                }
            }

            hosts.Clock.Advance(TimeSpan.FromSeconds(10));
            await using var after = await hosts.StartAsync();
            var again = after.GetRequiredService<LiveChatEngine>();
            var router = after.GetRequiredService<Routing.Router>();
            router.LoadedWorkspaces.Should().Be(0, "no agent has anything to be looked at yet: their presence items are armed, not their tables loaded");

            await hosts.AdvanceAsync(after, TimeSpan.FromSeconds(51));
            router.LoadedWorkspaces.Should().Be(Workspaces, "each lapse loads its workspace, which starts the grace from the lapse");
            foreach (var (workspace, chat) in chats)
            {
                (await again.Conversations.GetAsync(workspace, chat)).State.Should().Be(Conversations.ConversationState.Assigned, "the grace has not ended");
            }

            await hosts.AdvanceAsync(after, TimeSpan.FromSeconds(120));
            foreach (var (workspace, chat) in chats)
            {
                (await again.Conversations.GetAsync(workspace, chat)).State.Should().Be(Conversations.ConversationState.Unassigned, "the lapse after the start requeues with no call");
            }
        }
        finally
        {
            await dispose();
        }
    }

    [Fact]
    public async Task X1_DisposingTheHostWhilePostsAreInFlight_RefusesEachUnfinishedOneWithACategory_AndStoresExactlyTheAcknowledgedOnes()
    {
        // An outside check: 200 concurrent visitor posts, the host disposed once a few were acknowledged. The posts that
        // met the disposed store got ObjectDisposedException (no category, an HTTP 500), and one whose commit stood got
        // OperationCanceledException (its reactions were let go by the stop) though its message was stored.
        var (use, dispose) = await CreateDatabaseAsync();
        try
        {
            var hosts = new RestartHosts(use);
            var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
            var refused = new System.Collections.Concurrent.ConcurrentBag<(string ClientId, Exception Error)>();
            Conversations.ConversationId chat;
            var host = await hosts.StartAsync();
            var engine = host.GetRequiredService<LiveChatEngine>();
            var (conversation, token) = await engine.Conversations.StartAsync(Acme);
            chat = conversation.Id;
            var posts = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
            {
                var clientId = $"m{i}";
                try
                {
                    await engine.Visitors.PostAsync(Acme, chat, token, $"text {i}", clientId);
                    acknowledged.Add(clientId);
                }
                catch (Exception ex)
                {
                    refused.Add((clientId, ex));
                }
            })).ToList();
            await Eventually.HoldsAsync(() => acknowledged.Count >= 5, "a few posts acknowledged", TimeSpan.FromSeconds(30));
            await host.DisposeAsync();
            await Task.WhenAll(posts);

            await using var after = await hosts.StartAsync();
            var stored = (await after.GetRequiredService<LiveChatEngine>().Conversations.GetMessagesAsync(Acme, chat, 0, 1000))
                .Select(m => m.ClientMessageId).ToHashSet();
            refused.Where(r => LiveChatException.CategoryOf(r.Error) is null).Select(r => $"{r.ClientId}: {r.Error.GetType().Name}: {r.Error.Message}")
                .Should().BeEmpty("every refusal is a LiveChatException with a category (EngineStoppedException, Unavailable)");
            refused.Where(r => stored.Contains(r.ClientId)).Select(r => $"{r.ClientId}: {r.Error.GetType().Name}")
                .Should().BeEmpty("a call that threw changed nothing");
            stored.Should().Contain(acknowledged, "every acknowledged post is stored");
        }
        finally
        {
            await dispose();
        }
    }

    [Fact]
    public async Task X1_AfterTheDisposal_ReadsAnswerOrAreRefusedAsUnavailable_NeverWithADriversDisposedException()
    {
        // The container disposes the store with the engine: SQLite reads open the file again and answer; a PostgreSQL
        // store's data source is gone, and its reads are refused with EngineStoppedException, not the driver's
        // ObjectDisposedException (reference.md: no database or driver exception type reaches the host).
        var (use, dispose) = await CreateDatabaseAsync();
        try
        {
            var hosts = new RestartHosts(use);
            var host = await hosts.StartAsync();
            var engine = host.GetRequiredService<LiveChatEngine>();
            var alice = new Agents.AgentId("alice");
            await engine.Agents.RegisterAsync(Acme, new Agents.AgentRegistration(alice, "Alice", 3));
            var (conversation, _) = await engine.Conversations.StartAsync(Acme);
            await host.DisposeAsync();

            foreach (var (what, read) in new (string, Func<Task>)[]
            {
                ("a conversation", async () => await engine.Conversations.GetAsync(Acme, conversation.Id)),
                ("its messages", async () => await engine.Conversations.GetMessagesAsync(Acme, conversation.Id, 0, 10)),
                ("an agent", async () => await engine.Agents.GetAsync(Acme, alice)),
                ("the identity settings", async () => await engine.Identity.GetSettingsAsync(Acme)),
            })
            {
                try
                {
                    await read();
                }
                catch (Exception ex)
                {
                    LiveChatException.CategoryOf(ex).Should().Be(LiveChatErrorCategory.Unavailable, $"reading {what} after the disposal: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }
        finally
        {
            await dispose();
        }
    }
}
