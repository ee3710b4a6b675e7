using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Core.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Flow;

/// <summary>X2: a visitor authorized once gets a session whose calls skip the token hash but keep every check.</summary>
public sealed class VisitorSessionTests
{
    [Fact]
    public async Task AuthorizeAsync_RightToken_GivesASessionThatPostsWithOneReadAndOneWrite()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        var recorded = RecordingConversationStore.ReplaceIn(services);
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var acme = new WorkspaceId("acme");
        var (conversation, token) = await chat.Conversations.StartAsync(acme);

        var session = await chat.Visitors.AuthorizeAsync(acme, conversation.Id, token);
        var recorder = recorded();
        recorder.Calls.Clear();
        var message = await session.PostAsync("hello", "m-1");
        var retried = await session.PostAsync("hello", "m-1");

        message.Sender.Kind.Should().Be(SenderKind.Visitor);
        retried.Sequence.Should().Be(message.Sequence);
        recorder.Calls.Take(2).Should().Equal(nameof(IConversationStore.FindConversationAsync), nameof(IConversationStore.AppendAsync));
        (await session.GetMessagesAsync()).Select(m => m.Text).Should().Equal("hello");
        session.ToString().Should().NotContain(token.Value);
    }

    [Fact]
    public async Task AuthorizeAsync_WrongToken_IsRefusedAsNotFound()
    {
        await using var h = new LiveChatHarness();
        var (conversation, _) = await h.StartAsync();
        var (_, otherToken) = await h.StartAsync();

        var act = async () => await h.Chat.Visitors.AuthorizeAsync(h.Workspace, conversation.Id, otherToken);

        await act.Should().ThrowAsync<ConversationNotFoundException>();
    }

    [Fact]
    public async Task SessionPost_AfterTheConversationEnded_IsRefused_AndStoresNothing()
    {
        await using var h = new LiveChatHarness();
        var (conversation, token) = await h.StartAsync();
        var session = await h.Chat.Visitors.AuthorizeAsync(h.Workspace, conversation.Id, token);
        await session.EndAsync();

        var act = async () => await session.PostAsync("too late");

        await act.Should().ThrowAsync<ConversationEndedException>();
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).State.Should().Be(ConversationState.Ended);
        (await session.GetMessagesAsync()).Should().NotContain(m => m.Text == "too late");
    }

    [Fact]
    public async Task VisitorPost_WithAnotherConversationsToken_AndARetryKey_IsRefused_EvenWhenThatKeyWasStored()
    {
        await using var h = new LiveChatHarness();
        var (conversation, token) = await h.StartAsync();
        var (_, otherToken) = await h.StartAsync();
        await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "mine", "k-1");

        var act = async () => await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, otherToken, "mine", "k-1");

        await act.Should().ThrowAsync<ConversationNotFoundException>("a retry key never lets a wrong token see a stored message");
    }
}
