// C3 across servers: a retried post with the same client message id through another server stores one message.
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Issue18.Checks;

public sealed class IdempotencyAcrossServersTests
{
    [ClusterFact]
    public async Task ARetriedVisitorPost_ThroughEveryServerAtOnce_StoresOneMessage_WithContiguousSequences()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace();
        var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);

        for (var n = 0; n < 10; n++)
        {
            var id = $"retry-{n}";
            // The same post retried 6 times, 2 through each server, concurrently (a load balancer spreading retries).
            var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                cluster.Servers[i % 3].Chat.Visitors.PostAsync(ws, c.Id, t, $"text {n}", clientMessageId: id).AsTask()));
            results.Select(m => m.Sequence).Distinct().Should().HaveCount(1, "every retry returns the first message");
        }

        var messages = await cluster.B.Chat.Conversations.GetMessagesAsync(ws, c.Id, 0, 500);
        var visitor = messages.Where(m => m.ClientMessageId is { } id && id.StartsWith("retry-")).ToList();
        visitor.Should().HaveCount(10);
        visitor.GroupBy(m => m.ClientMessageId).Should().OnlyContain(g => g.Count() == 1);
        messages.Select(m => m.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        messages.Select(m => m.Sequence).Should().Equal(
            Enumerable.Range(0, messages.Count).Select(i => messages[0].Sequence + i), "sequences are contiguous");
    }

    [ClusterFact]
    public async Task AnAgentReplyRetriedThroughAnotherServer_StoresOneMessage_AndADifferentTextConflicts()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace();
        var alice = new AgentId("alice");
        await cluster.B.Chat.Agents.RegisterAsync(ws, new AgentRegistration(alice, "Alice", 3));
        await cluster.B.Chat.Agents.SetStatusAsync(ws, alice, AgentStatus.Online);
        await cluster.B.Chat.Agents.HeartbeatAsync(ws, alice);
        var (c, t) = await cluster.A.Chat.Conversations.StartAsync(ws);
        await cluster.A.Chat.Conversations.ClaimAsync(ws, c.Id, alice);

        var first = await cluster.B.Chat.Conversations.PostAgentMessageAsync(ws, c.Id, alice, "Hello!", "agent-1");
        var retried = await cluster.C.Chat.Conversations.PostAgentMessageAsync(ws, c.Id, alice, "Hello!", "agent-1");
        retried.Sequence.Should().Be(first.Sequence);

        var conflict = async () => await cluster.A.Chat.Conversations.PostAgentMessageAsync(ws, c.Id, alice, "Changed", "agent-1");
        await conflict.Should().ThrowAsync<IdempotencyConflictException>();
        var visitorConflict = async () =>
        {
            await cluster.A.Chat.Visitors.PostAsync(ws, c.Id, t, "one", clientMessageId: "v-1");
            await cluster.C.Chat.Visitors.PostAsync(ws, c.Id, t, "two", clientMessageId: "v-1");
        };
        await visitorConflict.Should().ThrowAsync<IdempotencyConflictException>();

        var messages = await cluster.C.Chat.Conversations.GetMessagesAsync(ws, c.Id, 0, 100);
        messages.Count(m => m.ClientMessageId == "agent-1").Should().Be(1);
        messages.Count(m => m.ClientMessageId == "v-1").Should().Be(1);
        messages.Should().NotContain(m => m.Text == "Changed" || m.Text == "two");
    }
}
