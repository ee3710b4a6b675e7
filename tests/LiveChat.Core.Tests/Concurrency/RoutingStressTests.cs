using System.Collections.Concurrent;
using CsCheck;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Tests.Concurrency;

/// <summary>
/// Property-based stress of the routing core: random interleavings of status changes, heartbeats, requests, claims,
/// reassigns, ends, offers, accepts, declines and timer firings on eight threads, then the routing invariants.
/// </summary>
/// <remarks>
/// The store is wrapped so that every write runs under one lock and is checked at that instant against a model of
/// what the store held just before: the writes are linearized, so "at that moment" has an exact meaning.
/// </remarks>
public sealed class RoutingStressTests
{
    private const int Workers = 8;
    private const int Agents = 5;
    private static readonly TimeSpan Presence = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(RoutingMode.Assign)]
    [InlineData(RoutingMode.Offer)]
    public async Task RandomInterleavings_NeverBreakOwnershipCapacityOrAvailability_AndLeaveNothingWaitingWhenQuiet(RoutingMode mode)
    {
        var operation = Gen.Select(Gen.Int[0, 9], Gen.Int[0, Agents - 1], Gen.Int[0, 1000], (kind, agent, value) => new Op(kind, agent, value));
        var plan = operation.Array[10, 40].Array[Workers];
        await plan.SampleAsync(p => RunAsync(mode, p), iter: 60, threads: 1, print: p => string.Join(" | ", p.Select(w => string.Join(",", w.Select(o => o.ToString())))));
    }

    private static async Task RunAsync(RoutingMode mode, Op[][] plan)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var store = new LinearizedStore(new InMemoryLiveChatStore(), clock);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddLiveChat(o =>
        {
            o.Routing.Mode = mode;
            o.Routing.OfferTimeout = TimeSpan.FromSeconds(10);
            o.Routing.PresenceTimeout = Presence;
            o.Routing.RequeueAfter = TimeSpan.FromSeconds(20);
        }).UseStore(_ => store);
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<LiveChatEngine>();
        var router = provider.GetRequiredService<Router>();
        var ws = EngineHost.Workspace;
        var agents = new List<AgentId>();
        for (var i = 0; i < Agents; i++)
        {
            var id = new AgentId($"a{i}");
            await engine.Agents.RegisterAsync(ws, new AgentRegistration(id, $"Agent {i}", 1 + (i % 3)));
            await engine.Agents.SetStatusAsync(ws, id, AgentStatus.Online);
            agents.Add(id);
        }

        var conversations = new ConcurrentQueue<ConversationId>();
        await Concurrently.RunAsync(Workers, async worker =>
        {
            foreach (var op in plan[worker])
            {
                try
                {
                    await ApplyAsync(engine, store, ws, agents, conversations, op);
                }
                catch (LiveChatException)
                {
                    // Refusals (already claimed, over capacity, expired offer…) are expected; the invariants decide.
                }
            }
        });

        // Quiet: every timer work started is done, and a last round of heartbeats keeps presence as it is.
        await router.WhenIdleAsync();
        store.Violations.Should().BeEmpty();

        var all = new List<Conversation>();
        foreach (var id in conversations)
        {
            all.Add(await engine.Conversations.GetAsync(ws, id));
        }

        var now = clock.GetUtcNow();
        foreach (var agentId in agents)
        {
            var agent = await engine.Agents.GetAsync(ws, agentId);
            var owned = all.Count(c => c.State == ConversationState.Assigned && c.AssignedAgentId == agentId);
            agent.OpenConversations.Should().Be(owned, "every owned conversation holds exactly one seat of exactly one agent");
            agent.OpenConversations.Should().BeLessThanOrEqualTo(agent.MaxConcurrentConversations);
            var offers = all.Count(c => c.Routing?.Offer?.AgentId == agentId && c.State != ConversationState.Assigned);
            var free = agent.Status == AgentStatus.Online && agent.IsPresentAt(now, Presence) && owned + offers < agent.MaxConcurrentConversations;
            if (free)
            {
                all.Where(c => c.State is ConversationState.Unassigned or ConversationState.Offline && c.Routing is { Offer: null })
                    .Should().BeEmpty($"{agentId} is free and quiet routing leaves nothing waiting");
            }
        }
    }

    private static async Task ApplyAsync(
        LiveChatEngine engine, LinearizedStore store, WorkspaceId ws, List<AgentId> agents, ConcurrentQueue<ConversationId> conversations, Op op)
    {
        var agent = agents[op.Agent];
        var some = conversations.IsEmpty ? (ConversationId?)null : conversations.ElementAt(op.Value % conversations.Count);
        switch (op.Kind)
        {
            case 0:
                await engine.Agents.SetStatusAsync(ws, agent, (AgentStatus)(op.Value % 3));
                break;
            case 1:
                await engine.Agents.HeartbeatAsync(ws, agent);
                break;
            case 2 or 3:
                var started = await engine.Conversations.StartAsync(ws);
                conversations.Enqueue(started.Conversation.Id);
                await engine.Conversations.RequestAgentAsync(ws, started.Conversation.Id);
                break;
            case 4 when some is { } id:
                await engine.Conversations.ClaimAsync(ws, id, agent);
                break;
            case 5 when some is { } id:
                await engine.Conversations.AssignAsync(ws, id, agent);
                break;
            case 6 when some is { } id:
                await engine.Conversations.EndAsync(ws, id);
                break;
            case 7 or 8 when some is { } id:
                var c = await engine.Conversations.GetAsync(ws, id);
                if (c.Routing?.Offer is { } offer)
                {
                    _ = op.Kind == 7
                        ? await engine.Conversations.AcceptOfferAsync(ws, id, offer.AgentId, offer.Token)
                        : await engine.Conversations.DeclineOfferAsync(ws, id, offer.AgentId, offer.Token);
                }

                break;
            case 9:
                store.Advance(TimeSpan.FromMilliseconds(op.Value * 25));
                break;
        }
    }

    private sealed record Op(int Kind, int Agent, int Value)
    {
        public override string ToString() => $"{Kind}:{Agent}:{Value}";
    }

    /// <summary>
    /// The in-memory store behind one lock, checking each commit that gives an agent a seat against the agent as stored
    /// at that instant: online, heartbeat within the presence timeout, and a free seat.
    /// </summary>
    private sealed class LinearizedStore(InMemoryLiveChatStore inner, FakeTimeProvider clock) : IConversationStore, IAgentStore, IIdentityLogStore
    {
        private readonly Lock _gate = new();

        /// <summary>The in-memory store completes synchronously; this waits (or rethrows) all the same.</summary>
        private static T Sync<T>(ValueTask<T> pending) => pending.AsTask().GetAwaiter().GetResult();

        public ConcurrentQueue<string> Violations { get; } = new();

        /// <summary>Moves the clock between writes, never during one, so each write has one exact instant.</summary>
        public void Advance(TimeSpan by)
        {
            lock (_gate)
            {
                clock.Advance(by);
            }
        }

        public ValueTask<CommitResult> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                var stored = Sync(inner.FindConversationAsync(commit.Updated.Workspace, commit.Updated.Id, cancellationToken));
                var reserve = stored is null ? null : commit.CapacityChangeFrom(stored).Reserve;
                var before = reserve is { } owner ? Sync(inner.FindAgentAsync(commit.Updated.Workspace, owner, cancellationToken)) : null;
                var now = clock.GetUtcNow();
                var result = Sync(inner.CommitAsync(commit, cancellationToken));
                if (before is not null)
                {
                    if (before.Status != AgentStatus.Online || !before.IsPresentAt(now, Presence))
                    {
                        Violations.Enqueue($"{result.Conversation.Id} went to {before.Id} while {before.Status}, last seen {before.LastSeenAt} at {now}");
                    }

                    var after = Sync(inner.FindAgentAsync(commit.Updated.Workspace, before.Id, cancellationToken))!;
                    if (after.OpenConversations > after.MaxConcurrentConversations)
                    {
                        Violations.Enqueue($"{after.Id} holds {after.OpenConversations} of {after.MaxConcurrentConversations}");
                    }
                }

                return ValueTask.FromResult(result);
            }
        }

        public ValueTask<Agent> SetAgentStatusAsync(WorkspaceId workspace, AgentId agentId, AgentStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                return ValueTask.FromResult(Sync(inner.SetAgentStatusAsync(workspace, agentId, status, now, cancellationToken)));
            }
        }

        public ValueTask<Agent> RecordHeartbeatAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                return ValueTask.FromResult(Sync(inner.RecordHeartbeatAsync(workspace, agentId, now, cancellationToken)));
            }
        }

        public ValueTask<Agent> UpsertAgentAsync(WorkspaceId workspace, AgentRegistration registration, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                return ValueTask.FromResult(Sync(inner.UpsertAgentAsync(workspace, registration, now, cancellationToken)));
            }
        }

        public ValueTask<Conversation> CreateConversationAsync(Conversation conversation, CancellationToken cancellationToken = default) => inner.CreateConversationAsync(conversation, cancellationToken);

        public ValueTask<Conversation?> FindConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default) => inner.FindConversationAsync(workspace, conversationId, cancellationToken);

        public ValueTask<AppendResult> AppendAsync(WorkspaceId workspace, ConversationId conversationId, long expectedVersion, MessageDraft message, CancellationToken cancellationToken = default) => inner.AppendAsync(workspace, conversationId, expectedVersion, message, cancellationToken);

        public ValueTask<ChatMessage?> FindByClientMessageIdAsync(WorkspaceId workspace, ConversationId conversationId, string clientMessageId, CancellationToken cancellationToken = default) => inner.FindByClientMessageIdAsync(workspace, conversationId, clientMessageId, cancellationToken);

        public ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(WorkspaceId workspace, ConversationId conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default) => inner.GetMessagesAsync(workspace, conversationId, afterSequence, limit, cancellationToken);

        public ValueTask<IReadOnlyList<Conversation>> QueryInboxAsync(InboxQuery query, CancellationToken cancellationToken = default) => inner.QueryInboxAsync(query, cancellationToken);

        public ValueTask<long> AdvanceReadCursorAsync(WorkspaceId workspace, ConversationId conversationId, ReaderId reader, long sequence, CancellationToken cancellationToken = default) => inner.AdvanceReadCursorAsync(workspace, conversationId, reader, sequence, cancellationToken);

        public ValueTask<long> GetReadCursorAsync(WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default) => inner.GetReadCursorAsync(workspace, conversationId, reader, cancellationToken);

        public ValueTask<int> CountUnreadAsync(WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default) => inner.CountUnreadAsync(workspace, conversationId, reader, cancellationToken);

        public ValueTask<Agent?> FindAgentAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken = default) => inner.FindAgentAsync(workspace, agentId, cancellationToken);

        public ValueTask<IReadOnlyList<Agent>> ListAgentsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default) => inner.ListAgentsAsync(workspace, cancellationToken);

        public ValueTask<Team> UpsertTeamAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken = default) => inner.UpsertTeamAsync(workspace, team, cancellationToken);

        public ValueTask<IReadOnlyList<Team>> ListTeamsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default) => inner.ListTeamsAsync(workspace, cancellationToken);

        public ValueTask<IReadOnlyList<IdentityEvent>> ReadIdentityEventsAsync(WorkspaceId workspace, long afterSequence, CancellationToken cancellationToken = default)
            => inner.ReadIdentityEventsAsync(workspace, afterSequence, cancellationToken);

        public ValueTask AppendIdentityEventsAsync(
            WorkspaceId workspace, IReadOnlyList<IdentityEvent> entries, IReadOnlyList<IdentityEvent> redactions, CancellationToken cancellationToken = default)
            => inner.AppendIdentityEventsAsync(workspace, entries, redactions, cancellationToken);
    }
}
