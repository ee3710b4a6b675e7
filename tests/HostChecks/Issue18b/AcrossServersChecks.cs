using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LiveChat.Issue18b.Checks;

public sealed class AcrossServersChecks
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task RequestQueuedThroughOneServer_AssignedWhenAnAgentComesOnlineThroughAnother_ClockStandingStill()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var alice = new AgentId("alice");
        await cluster[0].Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 3));
        var (conversation, token) = await cluster[0].StartIdAsync(Acme, new StartConversationRequest());
        await cluster[0].Visitors.RequestAgentAsync(Acme, conversation, token, LiveChat.Core.Routing.RoutingTarget.Workspace);
        (await cluster[1].Conversations.GetAsync(Acme, conversation)).AssignedAgentId.Should().BeNull();
        await cluster[2].Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        await cluster[2].Agents.HeartbeatAsync(Acme, alice);
        (await cluster.WaitUntilAsync(async () =>
                (await cluster[1].Conversations.GetAsync(Acme, conversation)).AssignedAgentId == alice, TimeSpan.FromSeconds(10)))
            .Should().BeTrue("woken by the event, not by a timer: the engine's clock does not move");
    }

    [Fact]
    public async Task AgentReplyPostedThroughServerB_ReachesServerAsEventSource_OnceInOrder()
    {
        await using var cluster = await Cluster.StartAsync(2);
        var alice = await Support.OnlineAgentAsync(cluster[1], Acme, "alice");
        var (conversation, token) = await cluster[0].StartIdAsync(Acme, new StartConversationRequest());
        await cluster[1].Conversations.ClaimAsync(Acme, conversation, alice);
        var source = cluster.Host(0).Services.GetRequiredService<ILiveChatEventSource>();
        await using var subscription = source.Subscribe(Acme);
        var seen = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            await cluster[1].Conversations.PostAgentMessageAsync(Acme, conversation, alice, $"reply {i}", $"r-{i}");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var e in subscription.Reader.ReadAllAsync(timeout.Token))
        {
            if (e is MessagePosted { Message.ClientMessageId: { } id } posted && posted.ConversationId == conversation && id.StartsWith("r-"))
            {
                seen.Add(posted.Message.Sequence);
                if (seen.Count == 10)
                {
                    break;
                }
            }
        }

        seen.Should().HaveCount(10).And.OnlyHaveUniqueItems().And.BeInAscendingOrder();
    }
}
