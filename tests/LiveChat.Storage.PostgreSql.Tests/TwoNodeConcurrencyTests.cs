using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>
/// Two store instances over one database stand for two host processes ("nodes"): each has its own connection pool, so
/// only the database's locks keep them consistent.
/// </summary>
public sealed class TwoNodeConcurrencyTests
{
    private const int ConversationsPerNode = 30;
    private const int WorkersPerNode = 6;
    private const int Capacity = 2;
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] AgentIds = ["ann", "bob", "cat", "dan"];

    [Fact]
    public async Task CommitAsync_ClaimsFromTwoNodesAtOnce_GiveEachConversationOneOwnerAndKeepAgentsWithinCapacity()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var node1 = await PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString);
        await using var node2 = await PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString);
        PostgreSqlLiveChatStore[] nodes = [node1, node2];
        foreach (var (id, index) in AgentIds.Select((id, index) => (id, index)))
        {
            var node = nodes[index % 2];
            await node.UpsertAgentAsync(Acme, new AgentRegistration(new AgentId(id), id, Capacity), Now);
            await node.SetAgentStatusAsync(Acme, new AgentId(id), AgentStatus.Online, Now);
        }

        var created = await Concurrently.RunAsync(nodes.Length, async n =>
        {
            var mine = new List<Conversation>();
            for (var i = 0; i < ConversationsPerNode; i++)
            {
                mine.Add(await nodes[n].CreateConversationAsync(NewConversation()));
            }

            return mine;
        });
        var conversations = created.SelectMany(c => c).ToArray();
        conversations.Select(c => c.Number).Order().Should().Equal(Enumerable.Range(1, conversations.Length).Select(i => (long)i));

        // Every worker walks all conversations from its own starting point and claims each one still waiting, trying
        // the agents in turn: the two nodes race for the same rows all the time.
        var claims = await Concurrently.RunAsync(nodes.Length * WorkersPerNode, async worker =>
        {
            var node = nodes[worker % nodes.Length];
            var won = 0;
            for (var step = 0; step < conversations.Length; step++)
            {
                won += await TryClaimAsync(node, conversations[(worker * 7 + step) % conversations.Length].Id, worker) ? 1 : 0;
            }

            return won;
        });

        var stored = new List<Conversation>();
        foreach (var conversation in conversations)
        {
            stored.Add((await node2.FindConversationAsync(Acme, conversation.Id))!);
        }

        var owned = stored.Where(c => c.State == ConversationState.Assigned).ToList();
        owned.Should().HaveCount(AgentIds.Length * Capacity, "every agent fills up, and no one takes more");
        claims.Sum().Should().Be(owned.Count, "each successful claim made exactly one owner");
        foreach (var conversation in stored)
        {
            var joined = (await node1.GetMessagesAsync(Acme, conversation.Id, 0, 100)).Count(m => m.SystemEvent == SystemEvent.AgentJoined);
            joined.Should().Be(conversation.State == ConversationState.Assigned ? 1 : 0, "one claim per conversation won");
        }

        foreach (var agent in await node1.ListAgentsAsync(Acme))
        {
            agent.OpenConversations.Should().Be(Capacity).And.Be(owned.Count(c => c.AssignedAgentId == agent.Id));
        }

        // Ending them from the other node than the one that claimed releases every slot exactly once.
        await Concurrently.RunAsync(owned.Count, async i =>
        {
            var node = nodes[(i + 1) % nodes.Length];
            var current = (await node.FindConversationAsync(Acme, owned[i].Id))!;
            await node.CommitAsync(new ConversationCommit(current with { State = ConversationState.Ended, EndedAt = Now }, current.Version, []));
        });
        (await node2.ListAgentsAsync(Acme)).Should().OnlyContain(a => a.OpenConversations == 0);
    }

    [Fact]
    public async Task AppendAsync_GroupCommitsFromTwoNodesOnSharedConversations_NumberEveryMessageOnceWithoutGaps()
    {
        const int Conversations = 8;
        const int WorkersPerNode = 8;
        const int PostsPerWorker = 25;
        await using var database = await TempDatabase.CreateAsync();
        await using var node1 = await PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString);
        await using var node2 = await PostgreSqlLiveChatStore.OpenAsync(database.ConnectionString);
        PostgreSqlLiveChatStore[] nodes = [node1, node2];
        var conversations = new List<Conversation>();
        for (var i = 0; i < Conversations; i++)
        {
            conversations.Add(await node1.CreateConversationAsync(NewConversation()));
        }

        // Every worker posts to all conversations in turn, and sends each message twice (a retry, maybe on the other
        // node): the two writers' batches overlap on every conversation all the time.
        await Concurrently.RunAsync(nodes.Length * WorkersPerNode, async worker =>
        {
            for (var i = 0; i < PostsPerWorker; i++)
            {
                var conversation = conversations[(worker + i) % Conversations];
                var draft = new MessageDraft(new MessageSender(SenderKind.Visitor, "Visitor"), $"{worker}/{i}", $"w{worker}-{i}", SystemEvent.None, Now);
                var first = nodes[worker % 2].AppendAsync(Acme, conversation.Id, conversation.Version, draft).AsTask();
                var retry = nodes[(worker + i) % 2].AppendAsync(Acme, conversation.Id, conversation.Version, draft).AsTask();
                var results = await Task.WhenAll(first, retry);
                results.Select(r => r.IsDuplicate).Should().BeEquivalentTo([false, true], "one of the two stored it, the other found it");
                results[0].Message.Sequence.Should().Be(results[1].Message.Sequence);
            }

            return 0;
        });

        var total = 0;
        foreach (var conversation in conversations)
        {
            var messages = await node2.GetMessagesAsync(Acme, conversation.Id, 0, 10_000);
            messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, messages.Count).Select(i => (long)i));
            messages.Select(m => m.ClientMessageId).Should().OnlyHaveUniqueItems();
            (await node1.FindConversationAsync(Acme, conversation.Id))!.LastSequence.Should().Be(messages.Count);
            total += messages.Count;
        }

        total.Should().Be(nodes.Length * WorkersPerNode * PostsPerWorker);
    }

    /// <summary>Claims the conversation for the first agent with room; false when it is taken or everyone is full.</summary>
    private static async Task<bool> TryClaimAsync(PostgreSqlLiveChatStore node, ConversationId id, int worker)
    {
        for (var attempt = 0; attempt < AgentIds.Length; attempt++)
        {
            var current = (await node.FindConversationAsync(Acme, id))!;
            if (current.State == ConversationState.Assigned)
            {
                return false;
            }

            var agent = new AgentId(AgentIds[(worker + attempt) % AgentIds.Length]);
            var claimed = current with { State = ConversationState.Assigned, AssignedAgentId = agent, CounterpartName = agent.Value };
            var joined = new MessageDraft(new MessageSender(SenderKind.System, "System"), "joined", null, SystemEvent.AgentJoined, Now);
            try
            {
                await node.CommitAsync(new ConversationCommit(claimed, current.Version, [joined]));
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                // Another worker, maybe on the other node, changed it first: read it again.
            }
            catch (AgentCapacityExceededException)
            {
                // This agent is full: try the next one.
            }
        }

        return false;
    }

    private static Conversation NewConversation() => new()
    {
        Workspace = Acme,
        Id = new ConversationId(Guid.NewGuid()),
        State = ConversationState.Unassigned,
        Channel = "webchat",
        VisitorName = "Visitor",
        VisitorTokenHash = new string('a', 64),
        CounterpartName = "Assistant",
        StartedAt = Now,
    };
}
