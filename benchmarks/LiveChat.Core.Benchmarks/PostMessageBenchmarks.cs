using BenchmarkDotNet.Attributes;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Benchmarks;

/// <summary>
/// The cost of posting one message to one conversation, from the floor (a locked list append) through the store alone
/// to the public API.
/// </summary>
/// <remarks>
/// <para>
/// Growth is bounded the same way in every benchmark: after <see cref="PostsPerConversation"/> posts the next post goes
/// to a fresh conversation (a fresh list for the baseline), and after <see cref="ConversationsPerStore"/> conversations
/// to a fresh store or engine, so lists never grow past <see cref="PostsPerConversation"/> and the heap stays small.
/// The embedded store never forgets a conversation, so without the second rotation memory would grow for the whole
/// run. The rotation is part of the measured call, amortized over its posts: one conversation start (and claim) per
/// 1,024 posts and one store or engine build per 16,384 posts. For the engine benchmarks that is not free (roughly
/// 70 ns per post, 100 ns for <see cref="AgentPost"/>); benchmarks/README.md gives the breakdown.
/// </para>
/// <para>
/// Every message has the same text. Client message ids are formatted once in <see cref="GlobalSetup"/>; ids restart with
/// each conversation, so every id is fresh within its conversation and never hits the duplicate path.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[ShortRunJob]
public class PostMessageBenchmarks
{
    public const int PostsPerConversation = 1024;
    public const int ConversationsPerStore = 16;

    private const string Text = "Hi, I have a question about my order.";

    private static readonly WorkspaceId Workspace = new("bench");
    private static readonly AgentId AgentId = new("agent-1");

    private readonly Lock _gate = new();
    private string[] _clientIds = [];
    private ChatMessage _preallocated = null!;
    private List<ChatMessage> _list = [];

    private InMemoryLiveChatStore _store = null!;
    private Conversation _storeConversation = null!;
    private MessageDraft _draft = null!;
    private int _storePosts;
    private int _storeConversations;

    private EngineRig _visitor = null!;
    private EngineRig _visitorWithId = null!;
    private EngineRig _visitorSession = null!;
    private EngineRig _agent = null!;

    [GlobalSetup]
    public async Task GlobalSetup()
    {
        _clientIds = [.. Enumerable.Range(0, PostsPerConversation).Select(i => $"client-{i:D4}")];
        _preallocated = new ChatMessage
        {
            ConversationId = new ConversationId(Guid.CreateVersion7()),
            Sequence = 1,
            Sender = new MessageSender(SenderKind.Visitor, "Visitor"),
            Text = Text,
            SentAt = TimeProvider.System.GetUtcNow(),
        };
        _list = new List<ChatMessage>();

        _draft = new MessageDraft(new MessageSender(SenderKind.Visitor, "Visitor"), Text, null, SystemEvent.None, TimeProvider.System.GetUtcNow());
        await NewStoreConversationAsync();

        _visitor = await EngineRig.CreateAsync(withAgent: false);
        _visitorWithId = await EngineRig.CreateAsync(withAgent: false);
        _visitorSession = await EngineRig.CreateAsync(withAgent: false);
        _agent = await EngineRig.CreateAsync(withAgent: true);
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _visitor.Dispose();
        _visitorWithId.Dispose();
        _visitorSession.Dispose();
        _agent.Dispose();
    }

    /// <summary>The floor: a preallocated message appended to a list under a lock.</summary>
    [Benchmark(Baseline = true)]
    public int ListAppendUnderLock()
    {
        lock (_gate)
        {
            if (_list.Count == PostsPerConversation)
            {
                _list = new List<ChatMessage>();
            }

            _list.Add(_preallocated);
            return _list.Count;
        }
    }

    /// <summary>The store alone: <see cref="InMemoryLiveChatStore.AppendAsync"/> with the right expected version.</summary>
    [Benchmark]
    public async ValueTask<ChatMessage> StoreAppend()
    {
        if (_storePosts == PostsPerConversation)
        {
            await NewStoreConversationAsync();
        }

        _storePosts++;
        var result = await _store.AppendAsync(Workspace, _storeConversation.Id, _storeConversation.Version, _draft);
        return result.Message;
    }

    /// <summary>The public API: a visitor's message without a client message id.</summary>
    [Benchmark]
    public async ValueTask<ChatMessage> VisitorPost()
    {
        var rig = _visitor;
        await rig.NextPostAsync();
        return await rig.Engine.Visitors.PostAsync(Workspace, rig.ConversationId, rig.Token, Text);
    }

    /// <summary>The public API: a visitor's message with a fresh client message id (idempotency bookkeeping).</summary>
    [Benchmark]
    public async ValueTask<ChatMessage> VisitorPostWithClientId()
    {
        var rig = _visitorWithId;
        var index = await rig.NextPostAsync();
        return await rig.Engine.Visitors.PostAsync(Workspace, rig.ConversationId, rig.Token, Text, _clientIds[index]);
    }

    /// <summary>The public API: a visitor's message through a <see cref="VisitorSession"/>, authorized once per conversation.</summary>
    [Benchmark]
    public async ValueTask<ChatMessage> VisitorSessionPost()
    {
        var rig = _visitorSession;
        await rig.NextPostAsync();
        return await rig.Session.PostAsync(Text);
    }

    /// <summary>The public API: the assigned agent's message.</summary>
    [Benchmark]
    public async ValueTask<ChatMessage> AgentPost()
    {
        var rig = _agent;
        await rig.NextPostAsync();
        return await rig.Engine.Conversations.PostAgentMessageAsync(Workspace, rig.ConversationId, AgentId, Text);
    }

    private async ValueTask NewStoreConversationAsync()
    {
        if (_store is null || _storeConversations == ConversationsPerStore)
        {
            _store = new InMemoryLiveChatStore();
            _storeConversations = 0;
        }

        _storeConversation = await _store.CreateConversationAsync(new Conversation
        {
            Workspace = Workspace,
            Id = new ConversationId(Guid.CreateVersion7()),
            State = ConversationState.BotFlow,
            Channel = "web",
            VisitorName = "Visitor",
            VisitorTokenHash = "not-used",
            CounterpartName = "Assistant",
            StartedAt = TimeProvider.System.GetUtcNow(),
        });
        _storeConversations++;
        _storePosts = 0;
    }

    /// <summary>An engine with one current conversation, rotated as the class remarks describe.</summary>
    private sealed class EngineRig : IDisposable
    {
        private readonly bool _withAgent;
        private ServiceProvider _services = null!;
        private int _posts;
        private int _conversations;

        private EngineRig(bool withAgent) => _withAgent = withAgent;

        public LiveChatEngine Engine { get; private set; } = null!;

        public ConversationId ConversationId { get; private set; }

        public VisitorToken Token { get; private set; }

        public VisitorSession Session { get; private set; } = null!;

        public static async Task<EngineRig> CreateAsync(bool withAgent)
        {
            var rig = new EngineRig(withAgent);
            await rig.NewEngineAsync();
            await rig.NewConversationAsync();
            return rig;
        }

        /// <summary>Rotates if due, and returns the index of the coming post within its conversation.</summary>
        public async ValueTask<int> NextPostAsync()
        {
            if (_posts == PostsPerConversation)
            {
                if (_conversations == ConversationsPerStore)
                {
                    await NewEngineAsync();
                }

                await NewConversationAsync();
            }

            return _posts++;
        }

        public void Dispose() => _services?.Dispose();

        private async ValueTask NewEngineAsync()
        {
            _services?.Dispose();
            _services = new ServiceCollection().AddLiveChat().Services.BuildServiceProvider();
            Engine = _services.GetRequiredService<LiveChatEngine>();
            _conversations = 0;
            if (_withAgent)
            {
                await Engine.Agents.RegisterAsync(Workspace, new AgentRegistration(AgentId, "Agent One", AgentService.MaxCapacity));
                await Engine.Agents.SetStatusAsync(Workspace, AgentId, AgentStatus.Online);
            }
        }

        private async ValueTask NewConversationAsync()
        {
            var started = await Engine.Conversations.StartAsync(Workspace);
            ConversationId = started.Conversation.Id;
            Token = started.VisitorToken;
            Session = await Engine.Visitors.AuthorizeAsync(Workspace, ConversationId, Token);
            if (_withAgent)
            {
                await Engine.Conversations.ClaimAsync(Workspace, ConversationId, AgentId);
            }

            _conversations++;
            _posts = 0;
        }
    }
}
