using LiveChat.Core;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Load;

/// <summary>
/// Memory on one silo, from the GC heap after a full collection before and after: (1) per waiting conversation, N
/// conversations waiting in one workspace with nobody online (the offline flow: each waits for the first agent with room), held by the workspace's router grain (its routing table's
/// backlog, and each conversation's grain is active: the handoff ran there); (2) per router grain activation, M workspaces
/// each asked once whether an agent is available, which activates the workspace's router grain and loads its (empty)
/// table; (3) per conversation grain activation, K conversations started first, then one visitor post each, which
/// activates the conversation's grain holding a real conversation (its silo's services run the post there).
/// </summary>
internal static class MemoryRun
{
    public sealed record Result(int Conversations, double BytesPerConversation, int Activations, double BytesPerActivation)
    {
        public double ActivationsPerGb => (1024d * 1024 * 1024) / BytesPerActivation;

        /// <summary>Conversation grains activated by one visitor post each.</summary>
        public int ConversationGrains { get; init; }

        /// <summary>GC heap per conversation grain activation, in bytes.</summary>
        public double BytesPerConversationGrain { get; init; }

        /// <summary>Conversation grain activations per GiB.</summary>
        public double ConversationGrainsPerGb => (1024d * 1024 * 1024) / BytesPerConversationGrain;
    }

    public static async Task<Result> RunAsync(Deployment silo, int conversations, int activations)
    {
        var chat = silo.Engines[0];
        var ws = new WorkspaceId("memory");
        // Warm-up: the grain is active, code is jitted, pools and caches are filled before either baseline.
        await QueueAsync(chat, ws, conversations / 10);
        await ActivateAsync(chat, "warm", activations / 10);
        var before = Heap();
        var queued = await QueueAsync(chat, ws, conversations);
        if (queued != conversations)
        {
            throw new InvalidOperationException($"{conversations - queued} of {conversations} requests did not wait in the queue.");
        }

        var perConversation = (Heap() - before) / (double)conversations;

        before = Heap();
        await ActivateAsync(chat, "w", activations);

        var perActivation = (Heap() - before) / (double)activations;

        var grains = await PostOnceEachAsync(chat, new WorkspaceId("grains"), conversations / 10, measure: null);
        var perGrain = await PostOnceEachAsync(chat, new WorkspaceId("grains"), conversations, measure: Heap);
        return new Result(conversations, perConversation, activations, perActivation) { ConversationGrains = conversations, BytesPerConversationGrain = perGrain };
    }

    /// <summary>
    /// Starts <paramref name="count"/> conversations, then posts once as each visitor (activating each conversation's
    /// grain); with <paramref name="measure"/>, returns the heap it grew by per post, else 0.
    /// </summary>
    private static async Task<double> PostOnceEachAsync(LiveChatEngine chat, WorkspaceId ws, int count, Func<long>? measure)
    {
        var started = new List<StartedConversation>(count);
        for (var i = 0; i < count; i++)
        {
            started.Add(await chat.Conversations.StartAsync(ws));
        }

        var before = measure?.Invoke() ?? 0;
        foreach (var (conversation, token) in started)
        {
            await chat.Visitors.PostAsync(ws, conversation.Id, token, "Hello", clientMessageId: "m-1");
        }

        return measure is null ? 0 : (measure() - before) / (double)count;
    }

    /// <summary>Starts conversations that ask for a human; returns how many wait (queued, or offline: nobody has room).</summary>
    private static async Task<int> QueueAsync(LiveChatEngine chat, WorkspaceId ws, int count)
    {
        var queued = 0;
        for (var i = 0; i < count; i++)
        {
            var (conversation, token) = await chat.Conversations.StartAsync(ws);
            queued += await chat.Visitors.RequestAgentAsync(ws, conversation.Id, token) is HandoffOutcome.Queued or HandoffOutcome.Offline ? 1 : 0;
        }

        return queued;
    }

    private static async Task ActivateAsync(LiveChatEngine chat, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await chat.Agents.IsAvailableAsync(new WorkspaceId($"{prefix}{i}"));
        }
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
