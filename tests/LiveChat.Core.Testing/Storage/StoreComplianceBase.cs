using System.Collections.Immutable;
using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// Root of the store compliance suite: the store factory and the helpers every rule uses.
/// </summary>
/// <remarks>
/// The suite is one linear chain of abstract classes (creation → commit → assignment → append → message queries →
/// inbox → read cursors → agents → routing → identity → round trips → hostile input → <see cref="StoreComplianceTests"/>), so that an adapter derives from
/// <see cref="StoreComplianceTests"/> once and runs every rule, while each file stays small and no class is partial.
/// xunit makes a new instance, and so a fresh store, for every test. Times are whole seconds in UTC so that durable
/// stores can round-trip them exactly.
/// </remarks>
public abstract class StoreComplianceBase : IAsyncLifetime
{
    private StoreUnderTest? _store;

    /// <summary>The workspace most tests use.</summary>
    protected static WorkspaceId WorkspaceA { get; } = new("compliance-a");

    /// <summary>A second workspace, to prove isolation.</summary>
    protected static WorkspaceId WorkspaceB { get; } = new("compliance-b");

    /// <summary>Teams the routing rules use.</summary>
    protected static TeamId Sales { get; } = new("sales");

    protected static TeamId Support { get; } = new("support");

    protected static TeamId Vip { get; } = new("vip");

    /// <summary>The test's clock; tests advance it to order events.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The current test time.</summary>
    protected DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>The conversation port of the store under test.</summary>
    protected IConversationStore Conversations => Store.Conversations;

    /// <summary>The agent port of the store under test.</summary>
    protected IAgentStore Agents => Store.Agents;

    /// <summary>The identity log port of the store under test.</summary>
    protected IIdentityLogStore IdentityLog => Store.Identity;

    /// <summary>An engine, as a host builds it, over the store under test.</summary>
    /// <param name="crm">A CRM shared by several engines, as processes share one CRM; by default each engine has its own.</param>
    protected ServiceProvider EngineOverStore(Crm.ICrmGateway? crm = null)
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(Clock);
        if (crm is not null)
        {
            services.AddSingleton(crm);
        }

        return Store.UseIn(services.AddLiveChat()).Services.BuildServiceProvider();
    }

        private StoreUnderTest Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Creates a fresh, empty store serving both ports.</summary>
    protected abstract ValueTask<StoreUnderTest> CreateStoreAsync();

    /// <inheritdoc />
    public virtual async Task InitializeAsync() => _store = await CreateStoreAsync();

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    /// <summary>A conversation as the services would hand it to <see cref="IConversationStore.CreateConversationAsync"/>.</summary>
    protected Conversation NewConversation(WorkspaceId? workspace = null, string visitorName = "Visitor") => new()
    {
        Workspace = workspace ?? WorkspaceA,
        Id = new ConversationId(Guid.NewGuid()),
        State = ConversationState.BotFlow,
        Channel = "webchat",
        VisitorName = visitorName,
        VisitorTokenHash = new string('a', 64),
        CounterpartName = "Assistant",
        StartedAt = Now,
        Participants =
        [
            new Participant(SenderKind.Visitor, visitorName, null, Now),
            new Participant(SenderKind.Bot, "Assistant", null, Now),
        ],
    };

    protected async Task<Conversation> CreateAsync(WorkspaceId? workspace = null)
        => await Conversations.CreateConversationAsync(NewConversation(workspace));

    protected async Task<IReadOnlyList<Conversation>> CreateManyAsync(int count, WorkspaceId? workspace = null)
    {
        var created = new List<Conversation>(count);
        for (var i = 0; i < count; i++)
        {
            created.Add(await CreateAsync(workspace));
        }

        return created;
    }

    /// <summary>Registers an agent and sets its status (new agents start offline).</summary>
    protected async Task<Agent> RegisterAgentAsync(string id, int capacity = 3, AgentStatus status = AgentStatus.Online, WorkspaceId? workspace = null)
    {
        var ws = workspace ?? WorkspaceA;
        var agent = await Agents.UpsertAgentAsync(ws, new AgentRegistration(new AgentId(id), $"Agent {id}", capacity), Now);
        return status == agent.Status ? agent : await Agents.SetAgentStatusAsync(ws, agent.Id, status, Now);
    }

    protected async Task<Conversation> ReloadAsync(Conversation conversation)
    {
        var found = await Conversations.FindConversationAsync(conversation.Workspace, conversation.Id);
        found.Should().NotBeNull();
        return found!;
    }

    protected async Task<Agent> ReloadAsync(Agent agent)
    {
        var found = await Agents.FindAgentAsync(agent.Workspace, agent.Id);
        found.Should().NotBeNull();
        return found!;
    }

    protected async Task<int> OpenConversationsOfAsync(Agent agent) => (await ReloadAsync(agent)).OpenConversations;

    protected async Task<IReadOnlyList<ChatMessage>> AllMessagesAsync(Conversation conversation)
        => await Conversations.GetMessagesAsync(conversation.Workspace, conversation.Id, 0, 10_000);

    /// <summary>Commits <paramref name="change"/> of the stored snapshot <paramref name="current"/>.</summary>
    protected async Task<CommitResult> CommitAsync(Conversation current, Func<Conversation, Conversation> change, params MessageDraft[] messages)
        => await Conversations.CommitAsync(new ConversationCommit(change(current), current.Version, messages));

    /// <summary>Makes <paramref name="agent"/> the owner, as a claim or a reassignment does.</summary>
    protected async Task<Conversation> AssignAsync(Conversation current, Agent agent)
    {
        var result = await CommitAsync(
            current,
            c => c with
            {
                State = ConversationState.Assigned,
                AssignedAgentId = agent.Id,
                CounterpartName = agent.DisplayName,
                Participants = c.Participants.Add(new Participant(SenderKind.Agent, agent.DisplayName, agent.Id, Now)),
            },
            SystemSays(SystemEvent.AgentJoined));
        return result.Conversation;
    }

    /// <summary>Ends the conversation; like the services, it keeps the last owner recorded.</summary>
    protected async Task<Conversation> EndAsync(Conversation current)
        => (await CommitAsync(current, c => c with { State = ConversationState.Ended, EndedAt = Now }, SystemSays(SystemEvent.Ended))).Conversation;

    protected async Task<Conversation> MoveToAsync(Conversation current, ConversationState state)
        => (await CommitAsync(current, c => c with { State = state })).Conversation;

    protected async Task<ChatMessage> AppendAsync(Conversation conversation, MessageDraft draft)
        => (await Conversations.AppendAsync(conversation.Workspace, conversation.Id, conversation.Version, draft)).Message;

    protected MessageDraft VisitorSays(string text, string? clientMessageId = null)
        => new(new MessageSender(SenderKind.Visitor, "Visitor"), text, clientMessageId, SystemEvent.None, Now);

    protected MessageDraft AgentSays(Agent agent, string text, string? clientMessageId = null)
        => new(new MessageSender(SenderKind.Agent, agent.DisplayName, agent.Id), text, clientMessageId, SystemEvent.None, Now);

    protected MessageDraft SystemSays(SystemEvent systemEvent)
        => new(new MessageSender(SenderKind.System, "System"), systemEvent.ToString(), null, systemEvent, Now);

    /// <summary>
    /// Compares member by member: a durable store gives back equal values in new instances, and immutable arrays compare
    /// by reference, so record equality would fail for a correct adapter.
    /// </summary>
    protected static void ShouldMatch(Conversation actual, Conversation expected)
        => actual.Should().BeEquivalentTo(expected, o => o.ComparingRecordsByMembers().ComparingByMembers<Conversation>());

    protected static void ShouldMatch(IEnumerable<ChatMessage> actual, IEnumerable<ChatMessage> expected)
        => actual.Should().BeEquivalentTo(expected, o => o.ComparingRecordsByMembers().WithStrictOrdering());

    protected static ImmutableArray<long> Sequences(IEnumerable<ChatMessage> messages) => [.. messages.Select(m => m.Sequence)];

    protected static long[] OneTo(long count) => [.. Enumerable.Range(1, (int)count).Select(i => (long)i)];
}
