using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Tests.Scenarios.Routing;

/// <summary>R1: online, away, offline, and heartbeat presence kept apart from the chosen status.</summary>
public sealed class R1_StatusAndPresenceTests
{
    [Theory]
    [InlineData(AgentStatus.Away)]
    [InlineData(AgentStatus.Offline)]
    public async Task OnlyOnlineAgents_ReceiveConversations(AgentStatus status)
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        await h.Chat.Agents.SetStatusAsync(h.Workspace, alice, status);

        (await h.RequestAsync()).Outcome.Should().Be(HandoffOutcome.Offline);
        (await h.Chat.Agents.IsAvailableAsync(h.Workspace)).Should().BeFalse();
    }

    [Fact]
    public async Task AnAgentWhoseHeartbeatLapses_StopsReceivingChats_WhateverTheirStatus()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");

        await h.AdvanceAsync(TimeSpan.FromSeconds(59));
        (await h.Chat.Agents.IsAvailableAsync(h.Workspace)).Should().BeTrue();
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).Status.Should().Be(AgentStatus.Online, "the chosen status is untouched");
        (await h.Chat.Agents.IsAvailableAsync(h.Workspace)).Should().BeFalse("a UI status alone does not keep an agent available");
        (await h.RequestAsync()).Outcome.Should().Be(HandoffOutcome.Offline);
    }

    [Fact]
    public async Task RegularHeartbeats_KeepTheAgentAvailable()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        for (var i = 0; i < 30; i++)
        {
            await h.AdvanceAsync(TimeSpan.FromSeconds(20));
            await h.Chat.Agents.HeartbeatAsync(h.Workspace, alice);
        }

        (await h.RequestAsync()).Conversation.AssignedAgentId.Should().Be(alice);
    }

    [Fact]
    public async Task AHeartbeatAfterALapse_BringsTheAgentBack_AndTheyTakeTheWaitingRequestAtOnce()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        var waiting = await h.RequestAsync();
        waiting.Outcome.Should().Be(HandoffOutcome.Offline);

        await h.Chat.Agents.HeartbeatAsync(h.Workspace, alice);

        var conversation = await h.Chat.Conversations.GetAsync(h.Workspace, waiting.Conversation.Id);
        conversation.State.Should().Be(ConversationState.Assigned);
        conversation.AssignedAgentId.Should().Be(alice);
    }

    [Fact]
    public async Task ASilentAgent_CannotClaim_AndNothingChanges()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.StartAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(2));

        var claim = () => h.Chat.Conversations.ClaimAsync(h.Workspace, conversation.Id, alice).AsTask();

        (await claim.Should().ThrowAsync<AgentNotAvailableException>()).Which.PresenceLapsed.Should().BeTrue();
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).Should().Be(conversation);
        (await h.Chat.Agents.GetAsync(h.Workspace, alice)).OpenConversations.Should().Be(0);
    }

    [Fact]
    public async Task WithPresenceSwitchedOff_TheChosenStatusAloneCounts()
    {
        await using var h = new LiveChatHarness(o => o.Routing.PresenceTimeout = Timeout.InfiniteTimeSpan);
        var alice = await h.OnlineAgentAsync("alice");
        await h.AdvanceAsync(TimeSpan.FromHours(3));

        (await h.RequestAsync()).Conversation.AssignedAgentId.Should().Be(alice);
    }
}
