using BenchmarkDotNet.Attributes;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Texts;
using Microsoft.Extensions.DependencyInjection;
using Stateless;

namespace LiveChat.Core.Benchmarks;

/// <summary>
/// The cost of one playbook step against a raw Stateless <c>Fire</c> of the same shape, and what a waiting conversation
/// holds.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="RawFire"/> is the floor: one machine that owns its state, a parameterized answer trigger, a guard per
/// path and a guarded refusal, as a choice question is configured; no lock. <see cref="PlaybookStep"/> is the playbook's step on a shared machine: take
/// the machine's lock, hand the conversation's card id to the external state accessor, fire the answer, read the next
/// card back. The target is at most 1.5 times the raw fire.
/// </para>
/// <para>
/// <see cref="StoreWaitingRun"/> allocates exactly what a conversation waiting on a card keeps: its
/// <see cref="PlaybookRun"/> record and the store's dictionary entry (the embedded store is reset every 4,096 runs so the
/// dictionary never grows, which amortizes its table into the figure). <see cref="EngineAnswer"/> is a whole answer
/// through the public API: the visitor's message stored, the step, and the bot's reply stored; the next conversation
/// starts every 256 answers and the next engine every 16 conversations.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[ShortRunJob]
public class PlaybookBenchmarks
{
    private const int AnswersPerConversation = 256;
    private const int ConversationsPerEngine = 16;
    private const int RunsPerStore = 4096;

    private static readonly WorkspaceId Workspace = new("bench");

    private readonly Lock _gate = new();
    private StateMachine<string, PlaybookTrigger> _raw = null!;
    private StateMachine<string, PlaybookTrigger>.TriggerWithParameters<string> _rawAnswer = null!;
    private string _rawState = "ask";
    private PlaybookMachine _machine = null!;
    private string _card = "ask";
    private InMemoryPlaybookRunStore _store = new();
    private ConversationId[] _ids = [];
    private int _run;
    private ServiceProvider? _provider;
    private LiveChatEngine _engine = null!;
    private StartedConversation _visitor = null!;
    private int _answers;
    private int _conversations;

    /// <summary>Two choice questions that lead to each other: every answer is one transition.</summary>
    public static Playbook PingPong { get; } = new()
    {
        Id = "bench",
        Version = 1,
        Language = "en",
        StartCardId = "ask",
        Timers = new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = null },
        Cards =
        [
            new ChoiceQuestionCard { Id = "ask", Text = "Sales or support?", Options = [new ChoiceOption("Sales", "again"), new ChoiceOption("Support", "again")] },
            new ChoiceQuestionCard { Id = "again", Text = "Anything else?", Options = [new ChoiceOption("Sales", "ask"), new ChoiceOption("Support", "ask")] },
        ],
    };

    [GlobalSetup]
    public void GlobalSetup()
    {
        _raw = new StateMachine<string, PlaybookTrigger>(() => _rawState, s => _rawState = s);
        _rawAnswer = _raw.SetTriggerParameters<string>(PlaybookTrigger.Answer);
        // The same shape as a compiled choice question: a guarded path per option, and a guarded refusal of anything else.
        _raw.Configure("ask").PermitIf(_rawAnswer, "again", a => a == "Sales", "Sales").PermitIf(_rawAnswer, "again", a => a == "Support", "Support")
            .InternalTransitionIf(_rawAnswer, a => a is not ("Sales" or "Support"), (_, _) => { }, "no option");
        _raw.Configure("again").PermitIf(_rawAnswer, "ask", a => a == "Sales", "Sales").PermitIf(_rawAnswer, "ask", a => a == "Support", "Support")
            .InternalTransitionIf(_rawAnswer, a => a is not ("Sales" or "Support"), (_, _) => { }, "no option");
        _machine = new PlaybookMachine(PingPong, new TextCatalog());
        _ids = [.. Enumerable.Range(0, RunsPerStore).Select(_ => new ConversationId(Guid.NewGuid()))];
        Console.WriteLine($"// Retained bytes per waiting conversation (GC.GetTotalMemory over {RunsPerStore} runs): {RetainedBytesPerWaitingRun():F0}");
        NewEngine();
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _provider?.Dispose();

    /// <summary>The floor: a Stateless machine that owns its state fires a guarded, parameterized answer.</summary>
    [Benchmark(Baseline = true)]
    public string RawFire()
    {
        _raw.Fire(_rawAnswer, "Sales");
        return _rawState;
    }

    /// <summary>A playbook step on the shared machine: lock, external state in, fire, state out.</summary>
    [Benchmark]
    public string PlaybookStep()
    {
        _card = _machine.Fire(_card, PlaybookTrigger.Answer, "Sales").State;
        return _card;
    }

    /// <summary>What a conversation waiting on a card keeps: its run record and the store's entry.</summary>
    [Benchmark]
    public bool StoreWaitingRun()
    {
        if (_run == RunsPerStore)
        {
            _store = new InMemoryPlaybookRunStore();
            _run = 0;
        }

        var run = new PlaybookRun { PlaybookId = "bench", Version = 1, CardId = "ask" };
        var stored = _store.TryReplaceAsync(Workspace, _ids[_run++], null, run);
        return stored.IsCompleted ? stored.Result : stored.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A whole answer through the public API: the visitor's message, the step and the bot's reply, all stored.</summary>
    [Benchmark]
    public async Task<ChatMessage> EngineAnswer()
    {
        if (_answers == AnswersPerConversation)
        {
            await NextConversationAsync();
        }

        _answers++;
        return await _engine.Visitors.PostAsync(Workspace, _visitor.Conversation.Id, _visitor.VisitorToken, "Sales");
    }

    /// <summary>Keeps the lock in the picture for readers comparing with <see cref="PlaybookStep"/>: the same fire under a lock, no external state.</summary>
    [Benchmark]
    public string RawFireUnderLock()
    {
        lock (_gate)
        {
            _raw.Fire(_rawAnswer, "Sales");
            return _rawState;
        }
    }

    private double RetainedBytesPerWaitingRun()
    {
        var store = new InMemoryPlaybookRunStore();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var id in _ids)
        {
            store.TryReplaceAsync(Workspace, id, null, new PlaybookRun { PlaybookId = "bench", Version = 1, CardId = "ask" }).AsTask().Wait();
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(store);
        return (after - before) / (double)_ids.Length;
    }

    private void NewEngine()
    {
        _provider?.Dispose();
        var services = new ServiceCollection();
        services.AddLiveChat(o => o.MaxMessageLength = 4000);
        _provider = services.BuildServiceProvider();
        _engine = _provider.GetRequiredService<LiveChatEngine>();
        _engine.Playbooks.PublishAsync(Workspace, PingPong).AsTask().Wait();
        _conversations = 0;
        NextConversationAsync().Wait();
    }

    private async Task NextConversationAsync()
    {
        if (_conversations == ConversationsPerEngine)
        {
            NewEngine();
            return;
        }

        _conversations++;
        _visitor = await _engine.Conversations.StartAsync(Workspace);
        _answers = 0;
    }
}
