using System.Security.Cryptography;
using LiveChat.Core.Agents;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>C5: continuation tokens are sealed with <see cref="LiveChatOptions.PagingKey"/>, so hosts that share it continue each other's pages.</summary>
public sealed class C5_PagingKeyTests
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly AgentId Alice = new("alice");

    [Fact]
    public async Task PagingKey_SharedByTwoHosts_ATokenFromOneContinuesOnTheOther_AndAnotherKeyRefusesIt()
    {
        var store = new InMemoryLiveChatStore();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var first = Host(store, key);
        await using var second = Host(store, key);
        await using var stranger = Host(store, pagingKey: null);
        var chat = first.GetRequiredService<LiveChatEngine>();
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice"));
        for (var i = 0; i < 3; i++)
        {
            var (conversation, _) = await chat.Conversations.StartAsync(Acme);
            await chat.Conversations.EndAsync(Acme, conversation.Id);
        }

        var page = await chat.Inbox.ListAsync(Acme, Alice, InboxFolder.Ended, pageSize: 2);
        var next = await second.GetRequiredService<LiveChatEngine>().Inbox.ListAsync(Acme, Alice, InboxFolder.Ended, 2, page.ContinuationToken);

        next.Items.Select(c => c.Number).Should().Equal(1);
        await stranger.GetRequiredService<LiveChatEngine>().Inbox
            .Invoking(i => i.ListAsync(Acme, Alice, InboxFolder.Ended, 2, page.ContinuationToken).AsTask()).Should().ThrowAsync<ArgumentException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64")]
    [InlineData("AAAA")]
    public void PagingKey_NotThirtyTwoBytesOfBase64_IsRefusedOnStart(string key)
        => new LiveChatOptionsValidator().Validate(null, new LiveChatOptions { PagingKey = key }).Failed.Should().BeTrue();

    private static ServiceProvider Host(InMemoryLiveChatStore store, string? pagingKey)
        => new ServiceCollection().AddLiveChat(o => o.PagingKey = pagingKey).UseStore(_ => store).Services.BuildServiceProvider();
}
