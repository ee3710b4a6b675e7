namespace LiveChat.Core.Tests.Scenarios;

/// <summary>C2: the conversation number is sequential per workspace and shown to visitor and agent.</summary>
public sealed class C2_ConversationNumberTests
{
    [Fact]
    public async Task Numbers_AreSequentialPerWorkspace_AndIndependentBetweenWorkspaces()
    {
        await using var h = new LiveChatHarness();
        var other = new WorkspaceId("globex");

        var a1 = await h.StartAsync();
        var b1 = await h.StartAsync(workspace: other);
        var a2 = await h.StartAsync();

        a1.Conversation.Number.Should().Be(1);
        a2.Conversation.Number.Should().Be(2);
        b1.Conversation.Number.Should().Be(1);
    }

    [Fact]
    public async Task Number_IsShownToTheVisitorAndInTheTranscript()
    {
        await using var h = new LiveChatHarness();
        await h.StartAsync();
        var (conversation, token) = await h.StartAsync();

        (await h.Chat.Visitors.GetConversationAsync(h.Workspace, conversation.Id, token)).Number.Should().Be(2);
        (await h.Chat.Conversations.GetTranscriptAsync(h.Workspace, conversation.Id)).ToPlainText().Should().Contain("Conversation #2");
    }
}
