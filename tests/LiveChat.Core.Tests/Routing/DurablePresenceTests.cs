using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;
using LiveChat.Core.Tests.Scenarios;
using LiveChat.Core.Tests.Scenarios.Playbooks;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// R1 and R6 on the default path (one process, heartbeats written to the store): the durable presence grace a cluster
/// records (<see cref="DueWorkKind.PresenceGrace"/>, X7) changes nothing here. Not compiled into the cluster's tests, whose
/// heartbeats are held by agent grains.
/// </summary>
public sealed class DurablePresenceTests
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Heartbeats_DefaultPath_OneAgentStoreWriteEachAndNoPresenceDueWork()
    {
        const int Beats = 12;
        var dueWork = new CountingDueWorkStore();
        CountingAgentStore? agents = null;
        await using var h = new LiveChatHarness(
            o => o.Routing.RequeueAfter = TimeSpan.FromSeconds(30),
            s => s.AddSingleton<IDueWorkStore>(dueWork).AddSingleton<IAgentStore>(sp => agents ??= new CountingAgentStore(sp.GetRequiredService<InMemoryLiveChatStore>())));
        var alice = await h.OnlineAgentAsync("alice");
        await h.Chat.Agents.HeartbeatAsync(h.Workspace, alice);
        var mine = await h.AssignedToAsync(alice);
        var before = agents!.HeartbeatWrites;

        for (var i = 0; i < Beats; i++)
        {
            await h.AdvanceAsync(Heartbeat);
            await h.Chat.Agents.HeartbeatAsync(h.Workspace, alice);
        }

        agents.HeartbeatWrites.Should().Be(before + Beats, "each heartbeat is written to the store, as before");
        dueWork.Writes(DueWorkKind.PresenceGrace).Should().Be(0, "presence is not recorded as due work while heartbeats are stored");

        await h.AdvanceAsync(TimeSpan.FromSeconds(61));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        (await h.Chat.Conversations.GetAsync(h.Workspace, mine.Conversation.Id)).State.Should().Be(ConversationState.Unassigned, "the lapse and the requeue run on this process's timers");
        dueWork.Writes(DueWorkKind.PresenceGrace).Should().Be(0, "nor when the agent lapses and is requeued");
    }
}
