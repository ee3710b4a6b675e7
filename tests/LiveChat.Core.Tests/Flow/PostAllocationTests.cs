using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Flow;

/// <summary>
/// Issue 15 (PostMessage cost): what a post allocates over the store's own append. A visitor's or an agent's post builds
/// its draft and its event and nothing per call besides (no closure, no delegate, no async state machine box), with the
/// embedded store, no subscriber and no listener.
/// </summary>
/// <remarks>
/// Everything here completes synchronously, so the posts' allocations are all on the test's thread. A tracing or metrics
/// listener another test registers meanwhile only adds to a round, so the smallest of several rounds is what is compared.
/// </remarks>
public sealed class PostAllocationTests
{
    /// <summary>The draft and the event (about 140 B together) with room to spare; a closure and its delegate per post were 130 B more.</summary>
    private const long BudgetOverAppend = 192;
    private const int Posts = 200;
    private const string Text = "Hi, I have a question about my order.";

    private static readonly WorkspaceId Acme = new("acme");
    private static readonly AgentId Alice = new("alice");

    [Fact]
    public async Task VisitorPost_WithTheToken_AllocatesLittleMoreThanTheStoresAppend()
    {
        var (provider, chat) = await EngineAsync();
        await using var _ = provider;
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);

        var perPost = await SmallestPerPostAsync(() => chat.Visitors.PostAsync(Acme, conversation.Id, token, Text));

        perPost.Should().BeLessThanOrEqualTo(await StoreAppendPerPostAsync() + BudgetOverAppend);
    }

    [Fact]
    public async Task VisitorPost_ThroughASession_AllocatesLittleMoreThanTheStoresAppend()
    {
        var (provider, chat) = await EngineAsync();
        await using var _ = provider;
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        var session = await chat.Visitors.AuthorizeAsync(Acme, conversation.Id, token);

        var perPost = await SmallestPerPostAsync(() => session.PostAsync(Text));

        perPost.Should().BeLessThanOrEqualTo(await StoreAppendPerPostAsync() + BudgetOverAppend);
    }

    [Fact]
    public async Task AgentPost_ByTheOwner_AllocatesLittleMoreThanTheStoresAppend()
    {
        var (provider, chat) = await EngineAsync();
        await using var _ = provider;
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", MaxConcurrentConversations: 5));
        await chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
        var (conversation, _) = await chat.Conversations.StartAsync(Acme);
        await chat.Conversations.ClaimAsync(Acme, conversation.Id, Alice);
        await chat.Conversations.PostAgentMessageAsync(Acme, conversation.Id, Alice, "the reply window opens once");

        var perPost = await SmallestPerPostAsync(() => chat.Conversations.PostAgentMessageAsync(Acme, conversation.Id, Alice, Text));

        perPost.Should().BeLessThanOrEqualTo(await StoreAppendPerPostAsync() + BudgetOverAppend);
    }

    private static async Task<(ServiceProvider Provider, LiveChatEngine Chat)> EngineAsync()
    {
        var provider = new ServiceCollection().AddLiveChat().Services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await Scenarios.Settle.AllAsync(provider);
        return (provider, chat);
    }

    private static async Task<long> StoreAppendPerPostAsync()
    {
        var store = new InMemoryLiveChatStore();
        var conversation = await store.CreateConversationAsync(new Conversation
        {
            Workspace = Acme,
            Id = new ConversationId(Guid.CreateVersion7()),
            State = ConversationState.BotFlow,
            Channel = "web",
            VisitorName = "Visitor",
            VisitorTokenHash = "not-used",
            CounterpartName = "Assistant",
            StartedAt = DateTimeOffset.UnixEpoch,
        });
        var draft = new MessageDraft(new MessageSender(SenderKind.Visitor, "Visitor"), Text, null, SystemEvent.None, DateTimeOffset.UnixEpoch);
        return await SmallestPerPostAsync(async () => (await store.AppendAsync(Acme, conversation.Id, conversation.Version, draft)).Message);
    }

    /// <summary>Bytes per call on this thread, the smallest of five rounds of <see cref="Posts"/> calls after a warm-up round.</summary>
    private static async Task<long> SmallestPerPostAsync(Func<ValueTask<ChatMessage>> post)
    {
        var first = post();
        var synchronous = first.IsCompletedSuccessfully;
        await first;
        synchronous.Should().BeTrue("the embedded store, a free gate and no reaction complete a post synchronously");
        var smallest = long.MaxValue;
        for (var round = 0; round < 6; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Posts; i++)
            {
                await post();
            }

            var perPost = (GC.GetAllocatedBytesForCurrentThread() - before) / Posts;
            smallest = round == 0 ? smallest : Math.Min(smallest, perPost);
        }

        return smallest;
    }
}
