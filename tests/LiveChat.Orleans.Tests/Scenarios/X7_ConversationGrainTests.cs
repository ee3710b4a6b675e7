using System.Runtime.CompilerServices;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// X7: one conversation grain per conversation runs its write commands one at a time for the whole cluster, so commands
/// sent through different silos never race each other in the store; retries never duplicate; bad input is refused with
/// the core's own exceptions.
/// </summary>
public sealed partial class X7_ConversationGrainTests
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly AgentId[] Agents = [new("alice"), new("bob"), new("carol")];

    [Fact]
    public async Task ThirtyConcurrentCommands_OnOneConversation_ThroughEverySilo_CauseNoRefusedCommit()
    {
        var refusals = new StrongBox<int>();
        await using var cluster = await StartAsync(refusals);
        await RegisterAgentsAsync(cluster);

        for (var round = 0; round < 3; round++)
        {
            await RunLoadAsync(cluster);
        }

        refusals.Value.Should().Be(0, "the conversation's grain runs its commands one at a time: no silo committed behind another's back");
    }

    [Fact]
    public async Task ThirtyConcurrentCommands_ThroughTheInProcessPortOnTheCluster_CauseRefusedCommits()
    {
        // The control: the same load with each silo deciding in its own process, as without the grain.
        var refusals = new StrongBox<int>();
        await using var cluster = await StartAsync(refusals, s => s.Replace(
            ServiceDescriptor.Singleton<IConversationPort>(sp => sp.GetRequiredService<InProcessConversations>())));
        await RegisterAgentsAsync(cluster);

        for (var round = 0; round < 8 && refusals.Value == 0; round++)
        {
            await RunLoadAsync(cluster);
        }

        refusals.Value.Should().BePositive("three silos deciding on one conversation at once lose races to the store");
    }

    [Fact]
    public async Task TheBotsReplies_ToVisitorPostsSentThroughEverySiloAtOnce_AreEachStoredInTheTurnOfTheAnswerTheyReplyTo()
    {
        const int Questions = 6;
        var refusals = new StrongBox<int>();
        await using var cluster = await StartAsync(refusals);
        var silos = cluster.Silos;
        await Engine(silos[0]).Playbooks.PublishAsync(Acme, QuestionsPlaybook(Questions));

        // The greeting and the first question, then each answer followed at once by the bot's reply to it.
        SenderKind[] replied = [SenderKind.Bot, SenderKind.Bot, .. Enumerable.Repeat(new[] { SenderKind.Visitor, SenderKind.Bot }, Questions).SelectMany(pair => pair)];
        for (var round = 0; round < 3; round++)
        {
            var started = await Engine(silos[round % silos.Count]).Conversations.StartAsync(Acme);
            var id = started.Conversation.Id;

            // Twice as many answers as questions, through every silo at once: the bot replies to the first six.
            await Task.WhenAll(Enumerable.Range(0, 2 * Questions).Select(i => Task.Run(async () =>
                await Engine(silos[i % silos.Count]).Visitors.PostAsync(Acme, id, started.VisitorToken, $"Answer {i}", $"v-{i}"))));
            await cluster.SettleAsync();

            var messages = await Engine(silos[0]).Conversations.GetMessagesAsync(Acme, id, limit: 100);
            messages.Select(m => m.Sender.Kind).Take(replied.Length).Should().Equal(
                replied, "the grain runs a post and the bot's reply to it in one turn: no other post of the conversation comes between them");
            messages.Count(m => m.Sender.Kind == SenderKind.Bot).Should().Be(Questions + 2, "the greeting, every question once, and the thanks");
            messages.Count(m => m.Sender.Kind == SenderKind.Visitor).Should().Be(2 * Questions);
            messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, messages.Count).Select(s => (long)s), "sequences are contiguous");
        }

        refusals.Value.Should().Be(0, "nothing raced the grain in the store");
    }

    [Fact]
    public async Task RetriedPost_WithTheSameClientId_ThroughAnotherSiloAndAfterALostAnswer_StoresOneMessage()
    {
        var lost = new LostAnswerWindow();
        await using var cluster = await StartAsync(new StrongBox<int>(), register: s => s.AddSingleton<IOutgoingGrainCallFilter>(lost));
        var started = await Engine(cluster.Silos[0]).Conversations.StartAsync(Acme);
        var id = started.Conversation.Id;

        lost.Open(calls: 1);
        var first = await Engine(cluster.Silos[1]).Visitors.PostAsync(Acme, id, started.VisitorToken, "Do you ship to Oslo?", clientMessageId: "m-1");
        var again = await Engine(cluster.Silos[2]).Visitors.PostAsync(Acme, id, started.VisitorToken, "Do you ship to Oslo?", clientMessageId: "m-1");

        lost.Lost.Should().Be(1, "the first answer was lost after the grain stored the message, and the post was retried");
        again.Should().BeEquivalentTo(first);
        var messages = await Engine(cluster.Silos[0]).Conversations.GetMessagesAsync(Acme, id);
        messages.Where(m => m.ClientMessageId == "m-1").Should().ContainSingle();
    }

    [Fact]
    public async Task BadInputAndAnotherWorkspacesConversation_AreRefusedWithTheCoresExceptions_AndNothingIsStored()
    {
        await using var cluster = await StartAsync(new StrongBox<int>());
        await RegisterAgentsAsync(cluster);
        var started = await Engine(cluster.Silos[0]).Conversations.StartAsync(Acme);
        var id = started.Conversation.Id;
        var globex = new WorkspaceId("globex");
        var before = await Engine(cluster.Silos[0]).Conversations.GetAsync(Acme, id);
        var other = Engine(cluster.Silos[1]);

        await other.Invoking(e => e.Visitors.PostAsync(Acme, id, started.VisitorToken, "  ").AsTask()).Should().ThrowAsync<ArgumentException>();
        await other.Invoking(e => e.Visitors.PostAsync(Acme, id, started.VisitorToken, new string('x', 100_000)).AsTask()).Should().ThrowAsync<MessageTooLongException>();
        await other.Invoking(e => e.Conversations.PostBotMessageAsync(Acme, default, "Hi").AsTask()).Should().ThrowAsync<ArgumentException>();
        await other.Invoking(e => e.Conversations.ClaimAsync(Acme, id, default).AsTask()).Should().ThrowAsync<ArgumentException>();
        (await other.Invoking(e => e.Visitors.PostAsync(globex, id, started.VisitorToken, "Hi").AsTask()).Should().ThrowAsync<ConversationNotFoundException>())
            .Which.ConversationId.Should().Be(id);
        await other.Invoking(e => e.Conversations.PostBotMessageAsync(globex, id, "Hi").AsTask()).Should().ThrowAsync<ConversationNotFoundException>();
        await other.Invoking(e => e.Conversations.EndAsync(globex, id).AsTask()).Should().ThrowAsync<ConversationNotFoundException>();
        (await other.Invoking(e => e.Conversations.PostAgentMessageAsync(Acme, id, Agents[0], "Hello").AsTask()).Should().ThrowAsync<NotAssignedAgentException>())
            .Which.ConversationId.Should().Be(id);

        var after = await Engine(cluster.Silos[2]).Conversations.GetAsync(Acme, id);
        after.Version.Should().Be(before.Version, "nothing was stored");
        after.LastSequence.Should().Be(before.LastSequence);
    }

    /// <summary>20 visitor posts, 6 claims by three agents and 4 agents' posts, at once, spread over the silos.</summary>
    private static async Task RunLoadAsync(SiloCluster cluster)
    {
        var silos = cluster.Silos;
        var started = await Engine(silos[0]).Conversations.StartAsync(Acme);
        var id = started.Conversation.Id;
        var commands = new List<Func<Task<AgentId?>>>();
        for (var i = 0; i < 20; i++)
        {
            var (silo, key) = (silos[i % silos.Count], $"v-{i}");
            commands.Add(async () =>
            {
                await Engine(silo).Visitors.PostAsync(Acme, id, started.VisitorToken, $"Question {key}", key);
                return null;
            });
        }

        for (var i = 0; i < 6; i++)
        {
            var (silo, agent) = (silos[(i + 1) % silos.Count], Agents[i % Agents.Length]);
            commands.Add(async () =>
            {
                try
                {
                    return (await Engine(silo).Conversations.ClaimAsync(Acme, id, agent)).AssignedAgentId;
                }
                catch (ConversationAlreadyClaimedException)
                {
                    return null;
                }
            });
        }

        for (var i = 0; i < 4; i++)
        {
            var (silo, agent) = (silos[(i + 2) % silos.Count], Agents[i % Agents.Length]);
            commands.Add(async () =>
            {
                try
                {
                    await Engine(silo).Conversations.PostAgentMessageAsync(Acme, id, agent, "On it", $"a-{agent}-{Guid.NewGuid():N}");
                }
                catch (NotAssignedAgentException)
                {
                }

                return null;
            });
        }

        var owners = await Task.WhenAll(commands.Select(c => Task.Run(c)));

        owners.OfType<AgentId>().Distinct().Should().ContainSingle("exactly one claim won");
        var conversation = await Engine(silos[2]).Conversations.GetAsync(Acme, id);
        conversation.AssignedAgentId.Should().Be(owners.OfType<AgentId>().First());
        var messages = await Engine(silos[1]).Conversations.GetMessagesAsync(Acme, id, limit: 1000);
        messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, messages.Count).Select(s => (long)s), "sequences are contiguous");
        messages.Where(m => m.Sender.Kind == SenderKind.Visitor).Select(m => m.ClientMessageId).Should()
            .BeEquivalentTo(Enumerable.Range(0, 20).Select(i => $"v-{i}"), "every visitor post is stored once");
    }

    private static Task<SiloCluster> StartAsync(StrongBox<int> refusals, Action<IServiceCollection>? afterOrleans = null, Action<IServiceCollection>? register = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        return SiloCluster.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(clock)
                    .AddSingleton<IConversationStore>(sp => new CountingConversationStore(sp.GetRequiredService<InMemoryLiveChatStore>(), refusals));
                register?.Invoke(s);
                s.AddLiveChat();
            },
            afterOrleans: afterOrleans);
    }

    /// <summary>A greeting, then <paramref name="questions"/> free-text questions one after another, then a thanks.</summary>
    private static Playbook QuestionsPlaybook(int questions) => new()
    {
        Id = "questions", Version = 1, Language = "en", StartCardId = "greet",
        Timers = new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = null },
        Cards =
        [
            new MessageCard { Id = "greet", Text = "Hello!", Next = "q1" },
            .. Enumerable.Range(1, questions).Select(q => new FreeTextQuestionCard { Id = $"q{q}", Text = $"Question {q}?", Next = q < questions ? $"q{q + 1}" : "thanks" }),
            new EndCard { Id = "thanks", Text = "Thanks, someone will answer here." },
        ],
    };

    private static async Task RegisterAgentsAsync(SiloCluster cluster)
    {
        foreach (var agent in Agents)
        {
            await Engine(cluster.Silos[0]).Agents.RegisterAsync(Acme, new AgentRegistration(agent, agent.Value, MaxConcurrentConversations: 50));
            await Engine(cluster.Silos[0]).Agents.SetStatusAsync(Acme, agent, AgentStatus.Online);
        }
    }

    private static LiveChatEngine Engine(IServiceProvider silo) => silo.GetRequiredService<LiveChatEngine>();
}
