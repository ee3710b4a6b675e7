using LiveChat.Core.Conversations;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>C3: messages from visitor, bot, agent and system, strictly ordered; client ids make retries idempotent.</summary>
public sealed class C3_MessagesTests
{
    [Fact]
    public async Task Messages_FromEverySender_AreStrictlyOrderedBySequence()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, token) = await h.StartAsync("Jana");
        var id = conversation.Id;

        await h.Chat.Conversations.PostBotMessageAsync(h.Workspace, id, "Hi!");
        h.Clock.Advance(TimeSpan.FromSeconds(3));
        await h.Chat.Visitors.PostAsync(h.Workspace, id, token, "A human please");
        await h.Chat.Conversations.RequestAgentAsync(h.Workspace, id);
        await h.Chat.Conversations.PostAgentMessageAsync(h.Workspace, id, alice, "Hello Jana");

        var messages = await h.Chat.Conversations.GetMessagesAsync(h.Workspace, id);
        messages.Select(m => m.Sequence).Should().Equal(1, 2, 3, 4, 5);
        messages.Select(m => m.Sender.Kind).Should().Equal(SenderKind.Bot, SenderKind.Visitor, SenderKind.System, SenderKind.System, SenderKind.Agent);
        messages[1].Sender.DisplayName.Should().Be("Jana");
        messages[1].SentAt.Should().Be(h.Clock.GetUtcNow());
        messages[2].SystemEvent.Should().Be(SystemEvent.Queued);
        messages[4].Sender.AgentId.Should().Be(alice);
    }

    [Fact]
    public async Task RetriedPost_WithTheSameClientMessageId_IsStoredOnce()
    {
        await using var h = new LiveChatHarness();
        var (conversation, token) = await h.StartAsync();

        var first = await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "Hello", clientMessageId: "c-1");
        var retry = await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "Hello", clientMessageId: "c-1");

        retry.Should().Be(first);
        (await h.Chat.Conversations.GetMessagesAsync(h.Workspace, conversation.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task RetriedPost_AfterTheConversationEnded_StillReturnsTheStoredMessage()
    {
        await using var h = new LiveChatHarness();
        var (conversation, token) = await h.StartAsync();
        var first = await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "Bye", clientMessageId: "c-9");
        await h.Chat.Visitors.EndAsync(h.Workspace, conversation.Id, token);

        (await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "Bye", clientMessageId: "c-9")).Should().Be(first);
    }

    [Fact]
    public async Task ClientMessageId_ReusedForDifferentText_IsRefused_AndNothingIsStored()
    {
        await using var h = new LiveChatHarness();
        var (conversation, token) = await h.StartAsync();
        await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "Hello", clientMessageId: "c-1");

        await FluentActions.Awaiting(() => h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "Other", clientMessageId: "c-1").AsTask())
            .Should().ThrowAsync<IdempotencyConflictException>().Where(e => e.ClientMessageId == "c-1");
        (await h.Chat.Conversations.GetMessagesAsync(h.Workspace, conversation.Id)).Should().ContainSingle().Which.Text.Should().Be("Hello");
    }

    [Theory]
    [InlineData(null, typeof(ArgumentNullException))]
    [InlineData("", typeof(ArgumentException))]
    [InlineData("   ", typeof(ArgumentException))]
    public async Task Post_WithNullOrEmptyText_IsRefused_AndNothingIsStored(string? text, Type expected)
    {
        await using var h = new LiveChatHarness();
        var (conversation, token) = await h.StartAsync();

        var act = () => h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, text!).AsTask();

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Should().BeOfType(expected);
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).LastSequence.Should().Be(0);
    }

    [Fact]
    public async Task Post_LongerThanTheLimit_IsRefusedWithMessageTooLong_AndNothingIsStored()
    {
        await using var h = new LiveChatHarness(o => o.MaxMessageLength = 10);
        var (conversation, token) = await h.StartAsync();

        await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, new string('x', 10));
        var act = () => h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, new string('x', 11)).AsTask();

        var error = (await act.Should().ThrowAsync<MessageTooLongException>()).Which;
        error.Length.Should().Be(11);
        error.MaxLength.Should().Be(10);
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).LastSequence.Should().Be(1);
    }

    [Fact]
    public async Task BotMessage_OnceAnAgentOwnsTheConversation_IsRefused()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.AssignedToAsync(alice);

        await FluentActions.Awaiting(() => h.Chat.Conversations.PostBotMessageAsync(h.Workspace, conversation.Id, "I'm still here").AsTask())
            .Should().ThrowAsync<SenderNotAllowedException>().Where(e => e.Sender == SenderKind.Bot && e.State == ConversationState.Assigned);
    }

    [Fact]
    public async Task GetMessages_PagesBySequence()
    {
        await using var h = new LiveChatHarness();
        var (conversation, token) = await h.StartAsync();
        for (var i = 1; i <= 5; i++)
        {
            await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, $"m{i}");
        }

        var page = await h.Chat.Visitors.GetMessagesAsync(h.Workspace, conversation.Id, token, afterSequence: 2, limit: 2);

        page.Select(m => m.Text).Should().Equal("m3", "m4");
        await FluentActions.Awaiting(() => h.Chat.Conversations.GetMessagesAsync(h.Workspace, conversation.Id, limit: 0).AsTask())
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
