using LiveChat.AspNetCore.Wire;

using LiveChat.Core.Conversations;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Resume without loss (feature W2): a visitor and an agent disconnect while 200 messages are posted, reconnect with the
/// last sequence they saw, and each gets every message after it exactly once, in order, read from the store; also after
/// a server restart on SQLite, and live while the event buffer drops.
/// </summary>
public sealed class W2_ResumeWithoutLossTests
{
    private const int Posted = 200;

    [Fact]
    public async Task Resume_After200MessagesWhileDisconnected_EachClientGetsEveryMessageOnceInOrder()
    {
        await using var server = await ChatServer.StartAsync();
        var (id, credential, seenByVisitor, seenByAgent) = await ConverseThenLeaveAsync(server);

        await PostWhileAwayAsync(server, id, credential);

        await ResumeAndCheckAsync(server, id, credential, seenByVisitor, seenByAgent);
    }

    [Fact]
    public async Task Resume_AfterServerRestartOnSqlite_EachClientGetsEveryMessageOnceInOrder()
    {
        var file = Path.Combine(Path.GetTempPath(), $"livechat-w2-{Guid.NewGuid():N}.db");
        try
        {
            ConversationId id;
            string credential;
            long seenByVisitor, seenByAgent;
            await using (var first = await ChatServer.StartAsync(sqlite: $"Data Source={file}"))
            {
                (id, credential, seenByVisitor, seenByAgent) = await ConverseThenLeaveAsync(first);
                await PostWhileAwayAsync(first, id, credential);
            }

            await using var second = await ChatServer.StartAsync(sqlite: $"Data Source={file}");
            await ResumeAndCheckAsync(second, id, credential, seenByVisitor, seenByAgent);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Live_WhenTheEventBufferDropsOldest_TheVisitorStillGetsEveryMessageOnceInOrder()
    {
        await using var server = await ChatServer.StartAsync(core: o => o.EventBufferCapacity = 1);
        await using var visitor = await HubClient.VisitorAsync(server);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        var id = WireId(session);
        var token = new VisitorToken(session.Credential[(session.Credential.IndexOf('.', StringComparison.Ordinal) + 1)..]);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await server.Engine.Visitors.PostAsync(ChatServer.Acme, id, token, $"burst {writer}-{i}");
            }
        })));

        await visitor.WaitUntilAsync(v => v.Messages.Count >= Posted, "every burst message reaches the visitor");
        visitor.Messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, Posted).Select(i => (long)i));
    }

    private static ConversationId WireId(VisitorStarted session) => ConversationId.Parse(session.State.ConversationId, null);

    private static async Task<(ConversationId Id, string Credential, long SeenByVisitor, long SeenByAgent)> ConverseThenLeaveAsync(ChatServer server)
    {
        await server.AgentAsync("alice", "Alice");
        await using var agent = await HubClient.AgentAsync(server, "alice");
        await agent.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await using var visitor = await HubClient.VisitorAsync(server);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest("Jan"));
        await visitor.InvokeAsync<WireMessage>("Post", "Hello?", "v-0");
        await visitor.InvokeAsync<string>("RequestAgent");
        await agent.InvokeAsync<AgentConversation>("OpenConversation", session.State.ConversationId, 0L);
        await agent.InvokeAsync<WireMessage>("Post", session.State.ConversationId, "Hi, Alice here.", "a-0");
        await visitor.WaitUntilAsync(v => v.Messages.Any(m => m.Text == "Hi, Alice here."), "the visitor sees the reply");
        await agent.WaitUntilAsync(a => a.Messages.Any(m => m.Text == "Hi, Alice here."), "the agent sees the reply");
        return (WireId(session), session.Credential, visitor.Messages[^1].Sequence, agent.Messages[^1].Sequence);
    }

    private static async Task PostWhileAwayAsync(ChatServer server, ConversationId id, string credential)
    {
        var token = new VisitorToken(credential[(credential.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        for (var i = 0; i < Posted; i++)
        {
            _ = i % 2 == 0
                ? await server.Engine.Visitors.PostAsync(ChatServer.Acme, id, token, $"visitor {i}", $"v-{i + 1}")
                : await server.Engine.Conversations.PostAgentMessageAsync(ChatServer.Acme, id, new Core.Agents.AgentId("alice"), $"agent {i}", $"a-{i + 1}");
        }
    }

    private static async Task ResumeAndCheckAsync(ChatServer server, ConversationId id, string credential, long seenByVisitor, long seenByAgent)
    {
        var last = (await server.Engine.Conversations.GetAsync(ChatServer.Acme, id)).LastSequence;
        await using var visitor = await HubClient.VisitorAsync(server, credential: credential);
        await using var agent = await HubClient.AgentAsync(server, "alice");

        var state = await visitor.InvokeAsync<VisitorState>("Resume", seenByVisitor);
        var opened = await agent.InvokeAsync<AgentConversation>("OpenConversation", id.ToString(), seenByAgent);

        await visitor.WaitUntilAsync(v => v.Messages.Count >= last - seenByVisitor, "the visitor's catch-up arrives");
        await agent.WaitUntilAsync(a => a.Messages.Count >= last - seenByAgent, "the agent's catch-up arrives");
        state.State.Should().Be("Assigned");
        state.CounterpartName.Should().Be("Alice");
        opened.LastSequence.Should().Be(last);
        visitor.Messages.Select(m => m.Sequence).Should().Equal(Range(seenByVisitor + 1, last), "the visitor gets everything after what it saw, once, in order");
        agent.Messages.Select(m => m.Sequence).Should().Equal(Range(seenByAgent + 1, last), "the agent gets everything after what it saw, once, in order");
        visitor.Messages.Select(m => m.Text).Should().Contain(Enumerable.Range(0, Posted).Select(i => i % 2 == 0 ? $"visitor {i}" : $"agent {i}"));
    }

    private static IEnumerable<long> Range(long from, long to)
    {
        for (var s = from; s <= to; s++)
        {
            yield return s;
        }
    }

}
