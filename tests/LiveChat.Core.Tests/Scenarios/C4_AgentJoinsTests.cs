using LiveChat.Core.Conversations;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>C4: when an agent joins, a system message says so and the bot's name becomes the agent's name.</summary>
public sealed class C4_AgentJoinsTests
{
    [Fact]
    public async Task AgentJoining_PostsASystemMessage_AndTheVisitorSeesTheAgentsName()
    {
        await using var h = new LiveChatHarness(o => o.BotDisplayName = "Leo");
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, token) = await h.StartAsync();
        (await h.Chat.Visitors.GetConversationAsync(h.Workspace, conversation.Id, token)).CounterpartName.Should().Be("Leo");

        await h.Chat.Conversations.ClaimAsync(h.Workspace, conversation.Id, alice);

        var view = await h.Chat.Visitors.GetConversationAsync(h.Workspace, conversation.Id, token);
        view.CounterpartName.Should().Be("Agent alice");
        var joined = (await h.Chat.Visitors.GetMessagesAsync(h.Workspace, conversation.Id, token)).Should().ContainSingle().Subject;
        joined.Sender.Kind.Should().Be(SenderKind.System);
        joined.SystemEvent.Should().Be(SystemEvent.AgentJoined);
        joined.Text.Should().Contain("Agent alice joined");
    }

    [Fact]
    public async Task Reassignment_PostsAReassignedMessage_AndRenamesTheCounterpart()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var (conversation, token) = await h.AssignedToAsync(alice);

        await h.Chat.Conversations.AssignAsync(h.Workspace, conversation.Id, bob);

        (await h.Chat.Visitors.GetConversationAsync(h.Workspace, conversation.Id, token)).CounterpartName.Should().Be("Agent bob");
        var last = (await h.Chat.Conversations.GetMessagesAsync(h.Workspace, conversation.Id))[^1];
        last.SystemEvent.Should().Be(SystemEvent.Reassigned);
        last.Text.Should().Be("Agent alice handed the conversation to Agent bob.");
    }
}
