using System.Collections.Concurrent;
using CsCheck;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;

namespace LiveChat.Core.Tests.Concurrency;

/// <summary>
/// Property-based stress: random operation sequences on eight workers against one engine, then the invariants that no
/// interleaving may break.
/// </summary>
public sealed class ConcurrencyStressTests
{
    private static readonly WorkspaceId Ws = EngineHost.Workspace;

    [Fact]
    public async Task RandomConcurrentOperations_AnyInterleaving_KeepOwnershipCapacityAndSequencesConsistent()
    {
        // Each sample runs its own eight workers, so samples run one at a time; 300 samples take under ten seconds on two cores.
        await StressPlan.Generator.SampleAsync(RunAndCheckAsync, iter: 300, threads: 1, print: plan => plan.Describe());
    }

    private static async Task RunAndCheckAsync(StressPlan plan)
    {
        await using var host = EngineHost.Create();
        var engine = host.Engine;
        var agents = new List<Agent>();
        for (var i = 0; i < StressPlan.AgentCount; i++)
        {
            var agent = await engine.Agents.RegisterAsync(Ws, new AgentRegistration(new AgentId($"a{i}"), $"Agent {i}", plan.Capacities[i]));
            agents.Add(await engine.Agents.SetStatusAsync(Ws, agent.Id, AgentStatus.Online));
        }

        var conversations = new List<StartedConversation>();
        for (var i = 0; i < plan.ConversationCount; i++)
        {
            conversations.Add(await engine.Conversations.StartAsync(Ws));
        }

        var started = new ConcurrentBag<Conversation>(conversations.Select(c => c.Conversation));
        await Concurrently.RunAsync(StressPlan.WorkerCount, async worker =>
        {
            var step = 0;
            foreach (var operation in plan.Workers[worker])
            {
                await RunAsync(engine, operation, agents[operation.Agent], conversations[operation.Conversation], $"w{worker}-{step++}", started);
            }
        });

        await CheckInvariantsAsync(host, agents, started.ToList());
    }

    private static async Task RunAsync(
        LiveChatEngine engine, StressOperation operation, Agent agent, StartedConversation target, string clientMessageId, ConcurrentBag<Conversation> started)
    {
        var id = target.Conversation.Id;
        try
        {
            switch (operation.Kind)
            {
                case StressOperationKind.SetStatus:
                    await engine.Agents.SetStatusAsync(Ws, agent.Id, operation.Status);
                    break;
                case StressOperationKind.Claim:
                    await engine.Conversations.ClaimAsync(Ws, id, agent.Id);
                    break;
                case StressOperationKind.Assign:
                    await engine.Conversations.AssignAsync(Ws, id, agent.Id);
                    break;
                case StressOperationKind.End:
                    await engine.Conversations.EndAsync(Ws, id);
                    break;
                case StressOperationKind.PostVisitor:
                    await engine.Visitors.PostAsync(Ws, id, target.VisitorToken, clientMessageId, clientMessageId);
                    break;
                case StressOperationKind.PostAgent:
                    await engine.Conversations.PostAgentMessageAsync(Ws, id, agent.Id, clientMessageId, clientMessageId);
                    break;
                case StressOperationKind.RequestAgent:
                    await engine.Conversations.RequestAgentAsync(Ws, id);
                    break;
                case StressOperationKind.Start:
                    started.Add((await engine.Conversations.StartAsync(Ws)).Conversation);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, "Unknown operation.");
            }
        }
        catch (Exception ex) when (ex is AgentNotAvailableException or AgentCapacityExceededException or ConversationAlreadyClaimedException
            or ConversationEndedException or NotAssignedAgentException or SenderNotAllowedException or InvalidConversationTransitionException)
        {
            // A refusal the caller is told about; the invariants below prove it changed nothing it should not have.
        }
    }

    private static async Task CheckInvariantsAsync(EngineHost host, List<Agent> registered, List<Conversation> started)
    {
        var engine = host.Engine;
        var agents = await engine.Agents.ListAsync(Ws);
        var conversations = new List<Conversation>();
        foreach (var conversation in started)
        {
            conversations.Add(await engine.Conversations.GetAsync(Ws, conversation.Id));
        }

        conversations.Select(c => c.Number).Order().Should().Equal(Enumerable.Range(1, started.Count).Select(i => (long)i), "numbers are gap-free");

        var assigned = conversations.Where(c => c.State == ConversationState.Assigned).ToList();
        // Filters rather than OnlyContain, which fails on an empty collection, and runs may end with nothing assigned.
        assigned.Where(c => c.AssignedAgentId == null || !registered.Any(a => a.Id == c.AssignedAgentId))
            .Should().BeEmpty("an assigned conversation has an owner");
        var inMineFolders = new List<ConversationId>();
        foreach (var agent in agents)
        {
            var owned = assigned.Count(c => c.AssignedAgentId == agent.Id);
            agent.OpenConversations.Should().BeLessThanOrEqualTo(agent.MaxConcurrentConversations, $"{agent.Id} must not exceed capacity");
            agent.OpenConversations.Should().Be(owned, $"{agent.Id}'s load counts exactly the conversations they own");
            var mine = await engine.Inbox.ListAsync(Ws, agent.Id, InboxFolder.Mine, pageSize: 100);
            mine.Items.Where(c => c.State != ConversationState.Assigned || c.AssignedAgentId != agent.Id).Should().BeEmpty();
            mine.Items.Should().HaveCount(owned);
            inMineFolders.AddRange(mine.Items.Select(c => c.Id));
        }

        inMineFolders.Should().OnlyHaveUniqueItems("a conversation has one owner").And.BeEquivalentTo(assigned.Select(c => c.Id));

        foreach (var conversation in conversations)
        {
            var messages = await host.AllMessagesAsync(conversation.Id);
            messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, (int)conversation.LastSequence).Select(i => (long)i), "sequences are contiguous");
            messages.Where(m => m.ClientMessageId != null).Select(m => m.ClientMessageId).Should().OnlyHaveUniqueItems();
        }
    }
}
