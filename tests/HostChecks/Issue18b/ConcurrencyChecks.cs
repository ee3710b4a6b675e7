using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Xunit;
using Xunit.Abstractions;

namespace LiveChat.Issue18b.Checks;

/// <summary>One conversation's commands arriving through every server at once, as a widget and an inbox on different servers do.</summary>
public sealed class ConcurrencyChecks(ITestOutputHelper output)
{
    private static readonly WorkspaceId Acme = new("acme");

    private static void ShouldBeContiguous(IReadOnlyList<ChatMessage> messages, long lastSequence)
    {
        messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, messages.Count).Select(i => (long)i),
            "a conversation's sequences are contiguous from 1, each once");
        lastSequence.Should().Be(messages.Count);
    }

    [Fact]
    public async Task VisitorAndAgentPosts_ThroughThreeServersAtOnce_EachStoredOnce_SequencesContiguous()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var alice = await Support.OnlineAgentAsync(cluster[0], Acme, "alice");
        var (conversation, token) = await cluster[0].StartIdAsync(Acme, new StartConversationRequest());
        await cluster[1].Conversations.ClaimAsync(Acme, conversation, alice);
        var before = (await cluster[2].Conversations.GetAsync(Acme, conversation)).LastSequence;

        const int rounds = 3, visitorPosts = 24, agentPosts = 9;
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<ChatMessage>();
        for (var round = 0; round < rounds; round++)
        {
            var r = round;
            var tasks = Enumerable.Range(0, visitorPosts).Select(i => Task.Run(async () =>
                    acknowledged.Add(await cluster[i % 3].Visitors.PostAsync(Acme, conversation, token, $"v{r}-{i}", $"v{r}-{i}"))))
                .Concat(Enumerable.Range(0, agentPosts).Select(i => Task.Run(async () =>
                    acknowledged.Add(await cluster[(i + 1) % 3].Conversations.PostAgentMessageAsync(Acme, conversation, alice, $"a{r}-{i}", $"a{r}-{i}")))));
            await Task.WhenAll(tasks);
        }

        var messages = await cluster[1].AllMessagesAsync(Acme, conversation);
        var stored = (await cluster[0].Conversations.GetAsync(Acme, conversation)).LastSequence;
        ShouldBeContiguous(messages, stored);
        var posted = messages.Where(m => m.Sequence > before).ToList();
        posted.Should().HaveCount(rounds * (visitorPosts + agentPosts), "every acknowledged post stored once, nothing else");
        posted.Select(m => m.Text).Should().OnlyHaveUniqueItems();
        foreach (var ack in acknowledged)
        {
            messages.Single(m => m.Sequence == ack.Sequence).Text.Should().Be(ack.Text, "the acknowledged sequence is the stored one");
        }
    }

    [Fact]
    public async Task OneClientMessageId_RetriedThroughEveryServerAtOnce_OneMessage_SameSequenceForAll()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var alice = await Support.OnlineAgentAsync(cluster[0], Acme, "alice");
        var (conversation, token) = await cluster[0].StartIdAsync(Acme, new StartConversationRequest());
        await cluster[0].Conversations.ClaimAsync(Acme, conversation, alice);

        var visitorRetries = Enumerable.Range(0, 15).Select(i => Task.Run(async () => await
            cluster[i % 3].Visitors.PostAsync(Acme, conversation, token, "Where is my order?", "widget-msg-7")));
        var agentRetries = Enumerable.Range(0, 15).Select(i => Task.Run(async () => await
            cluster[i % 3].Conversations.PostAgentMessageAsync(Acme, conversation, alice, "Checking now.", "inbox-msg-7")));
        var visitor = await Task.WhenAll(visitorRetries);
        var agent = await Task.WhenAll(agentRetries);

        visitor.Select(m => m.Sequence).Distinct().Should().ContainSingle();
        agent.Select(m => m.Sequence).Distinct().Should().ContainSingle();
        var messages = await cluster[2].AllMessagesAsync(Acme, conversation);
        messages.Count(m => m.ClientMessageId == "widget-msg-7").Should().Be(1);
        messages.Count(m => m.ClientMessageId == "inbox-msg-7").Should().Be(1);
        ShouldBeContiguous(messages, (await cluster[1].Conversations.GetAsync(Acme, conversation)).LastSequence);
    }

    [Fact]
    public async Task OneClientMessageId_ReusedForOtherTextThroughAnotherServer_IdempotencyConflict_NothingStored()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var (conversation, token) = await cluster[0].StartIdAsync(Acme, new StartConversationRequest());
        var first = await cluster[0].Visitors.PostAsync(Acme, conversation, token, "first text", "dup-1");
        var retry = await cluster[1].Visitors.PostAsync(Acme, conversation, token, "first text", "dup-1");
        retry.Sequence.Should().Be(first.Sequence);
        retry.Text.Should().Be("first text");
        var act = async () => await cluster[2].Visitors.PostAsync(Acme, conversation, token, "other text", "dup-1");
        var thrown = (await act.Should().ThrowAsync<IdempotencyConflictException>()).Which;
        thrown.ClientMessageId.Should().Be("dup-1");
        thrown.ConversationId.Should().Be(conversation);
        (await cluster[1].Conversations.GetAsync(Acme, conversation)).LastSequence.Should().Be(first.Sequence);
    }

    [Fact]
    public async Task BotAnswersConcurrentVisitorPosts_ThroughDifferentServers_OneAnswerPerPost_NoDuplicateGreeting()
    {
        await using var cluster = await Cluster.StartAsync(3);
        await cluster[0].Playbooks.PublishAsync(Acme, Support.LoopingPlaybook(null, null));
        var (conversation, token) = await cluster[1].StartIdAsync(Acme, new StartConversationRequest());
        (await cluster.WaitUntilAsync(async () =>
                (await cluster[2].AllMessagesAsync(Acme, conversation)).Any(m => m.Text == "What do you need?"), Support.Deadline))
            .Should().BeTrue("the bot greets and asks");

        const int posts = 12;
        await Task.WhenAll(Enumerable.Range(0, posts).Select(i => Task.Run(async () => await
            cluster[i % 3].Visitors.PostAsync(Acme, conversation, token, $"need {i}", $"n-{i}"))));

        IReadOnlyList<ChatMessage> messages = [];
        await cluster.WaitUntilAsync(async () =>
            (messages = await cluster[0].AllMessagesAsync(Acme, conversation)).Count(m => m.Text == "Thanks, noted.") >= posts, Support.Deadline);
        messages = await cluster[0].AllMessagesAsync(Acme, conversation);
        output.WriteLine(string.Join("\n", messages.Select(m => $"{m.Sequence} {m.Sender.Kind} {m.Text}")));

        ShouldBeContiguous(messages, (await cluster[2].Conversations.GetAsync(Acme, conversation)).LastSequence);
        messages.Count(m => m.Text == "Hello from the bot!").Should().Be(1, "one greeting");
        messages.Count(m => m.Sender.Kind == SenderKind.Visitor).Should().Be(posts);
        messages.Count(m => m.Text == "Thanks, noted.").Should().Be(posts, "the bot answers every visitor post once");
        messages.Count(m => m.Text == "What do you need?").Should().Be(posts + 1, "and asks again after each");
        // Each post is answered before the next one is taken: visitor, thanks, question, visitor, thanks, question ...
        var afterGreeting = messages.SkipWhile(m => m.Text != "What do you need?").Skip(1).Select(m => m.Sender.Kind == SenderKind.Visitor ? "V" : m.Text).ToList();
        afterGreeting.Should().Equal(Enumerable.Range(0, posts).SelectMany(_ => new[] { "V", "Thanks, noted.", "What do you need?" }),
            "a conversation's commands run one at a time, the bot's answer inside the post's turn");
    }

    [Fact]
    public async Task ClaimsThroughThreeServersAtOnce_ExactlyOneOwner()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var agents = new List<AgentId>();
        for (var i = 0; i < 6; i++)
        {
            agents.Add(await Support.OnlineAgentAsync(cluster[i % 3], Acme, $"agent-{i}", $"Agent {i}"));
        }

        var (conversation, token) = await cluster[0].StartIdAsync(Acme, new StartConversationRequest());
        var results = await Task.WhenAll(agents.Select((a, i) => Task.Run(async () =>
        {
            try
            {
                await cluster[i % 3].Conversations.ClaimAsync(Acme, conversation, a);
                return (Agent: a, Error: (Exception?)null);
            }
            catch (Exception e)
            {
                return (Agent: a, Error: e);
            }
        })));
        results.Count(r => r.Error is null).Should().Be(1);
        results.Where(r => r.Error is not null).Select(r => r.Error!.GetType()).Distinct()
            .Should().Equal(typeof(ConversationAlreadyClaimedException));
        var winner = results.Single(r => r.Error is null).Agent;
        foreach (var i in cluster.Running)
        {
            (await cluster[i].Conversations.GetAsync(Acme, conversation)).AssignedAgentId.Should().Be(winner);
        }
    }
}
