using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Testing;

namespace LiveChat.Core.Tests.Concurrency;

/// <summary>Many writers on one conversation through the public API: every message stored once, in one gap-free sequence.</summary>
public sealed class MessagePostingConcurrencyTests
{
    private const int Threads = 8;
    private const int MessagesPerThread = 1000;

    [Fact]
    public async Task PostAsync_EightThreadsOfVisitorAndAgent_StoresEveryMessageOnceWithContiguousSequences()
    {
        await using var host = EngineHost.Create();
        var (conversation, agent) = await AssignedConversationAsync(host);

        var posted = await Concurrently.RunAsync(Threads, async thread =>
        {
            var mine = new List<ChatMessage>(MessagesPerThread);
            for (var i = 0; i < MessagesPerThread; i++)
            {
                mine.Add(await PostAsync(host, conversation, agent, thread, i));
            }

            return mine;
        });

        await ShouldHaveStoredEachOnceAsync(host, conversation, posted.SelectMany(p => p).ToList());
    }

    [Fact]
    public async Task PostAsync_EveryPostRetriedConcurrentlyWithTheSameClientMessageId_StoresNoDuplicate()
    {
        await using var host = EngineHost.Create();
        var (conversation, agent) = await AssignedConversationAsync(host);

        var posted = await Concurrently.RunAsync(Threads, async thread =>
        {
            var mine = new List<ChatMessage>(MessagesPerThread);
            for (var i = 0; i < MessagesPerThread; i++)
            {
                // The original and its retry race each other, as when a widget resends before the first reply arrives.
                var pair = await Task.WhenAll(
                    Task.Run(() => PostAsync(host, conversation, agent, thread, i)),
                    Task.Run(() => PostAsync(host, conversation, agent, thread, i)));
                pair[1].Sequence.Should().Be(pair[0].Sequence, "a retry returns the message stored first");
                mine.Add(pair[0]);
            }

            return mine;
        });

        await ShouldHaveStoredEachOnceAsync(host, conversation, posted.SelectMany(p => p).ToList());
    }

    private static async Task<(StartedConversation Conversation, Agent Agent)> AssignedConversationAsync(EngineHost host)
    {
        var engine = host.Engine;
        var agent = await engine.Agents.RegisterAsync(EngineHost.Workspace, new AgentRegistration(new AgentId("ann"), "Ann"));
        await engine.Agents.SetStatusAsync(EngineHost.Workspace, agent.Id, AgentStatus.Online);
        var started = await engine.Conversations.StartAsync(EngineHost.Workspace);
        await engine.Conversations.ClaimAsync(EngineHost.Workspace, started.Conversation.Id, agent.Id);
        return (started, agent);
    }

    /// <summary>Even threads write as the visitor, odd ones as the assigned agent, so both write paths contend.</summary>
    private static async Task<ChatMessage> PostAsync(EngineHost host, StartedConversation conversation, Agent agent, int thread, int index)
    {
        var id = conversation.Conversation.Id;
        var clientMessageId = $"t{thread}-m{index}";
        return thread % 2 == 0
            ? await host.Engine.Visitors.PostAsync(EngineHost.Workspace, id, conversation.VisitorToken, clientMessageId, clientMessageId)
            : await host.Engine.Conversations.PostAgentMessageAsync(EngineHost.Workspace, id, agent.Id, clientMessageId, clientMessageId);
    }

    private static async Task ShouldHaveStoredEachOnceAsync(EngineHost host, StartedConversation conversation, List<ChatMessage> posted)
    {
        const int total = Threads * MessagesPerThread;
        posted.Should().HaveCount(total);
        posted.Select(m => m.Sequence).Should().OnlyHaveUniqueItems();

        var stored = await host.AllMessagesAsync(conversation.Conversation.Id);
        var current = await host.Engine.Conversations.GetAsync(EngineHost.Workspace, conversation.Conversation.Id);

        // The agent's claim wrote one system message first; then every post exactly once.
        stored.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, total + 1).Select(i => (long)i));
        current.LastSequence.Should().Be(total + 1);
        var userMessages = stored.Where(m => m.ClientMessageId is not null).ToList();
        userMessages.Should().HaveCount(total);
        userMessages.Select(m => m.ClientMessageId).Should().OnlyHaveUniqueItems();
        userMessages.Should().OnlyContain(m => m.Text == m.ClientMessageId);
        stored.Where(m => m.Sender.Kind == SenderKind.Visitor).Should().HaveCount(total / 2);
        stored.Where(m => m.Sender.Kind == SenderKind.Agent).Should().HaveCount(total / 2);
        posted.ToDictionary(m => m.Sequence, m => m.ClientMessageId)
            .Should().BeEquivalentTo(userMessages.ToDictionary(m => m.Sequence, m => m.ClientMessageId));
    }
}
