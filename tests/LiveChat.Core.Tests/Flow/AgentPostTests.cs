using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using LiveChat.Core.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveChat.Core.Tests.Flow;

/// <summary>
/// Issue 15, item 1 (a request loads once and commits once), for the agent's post (feature X2): the assigned agent is
/// authorized by the conversation alone, so the post reads one conversation and no agent, and still refuses every
/// agent it refused before, with the same errors.
/// </summary>
public sealed class AgentPostTests
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly AgentId Alice = new("alice");
    private static readonly AgentId Bob = new("bob");

    [Fact]
    public async Task AgentPost_ThroughThePublicApi_ReadsTheConversationOnce_AndNoAgent()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        var recorded = RecordingConversationStore.ReplaceIn(services);
        RecordingStore<IAgentStore>? agentStore = null;
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var (store, recording) = RecordingStore.Over<IAgentStore>(sp.GetRequiredService<InMemoryLiveChatStore>());
            agentStore = recording;
            return store;
        }));
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 2));
        await chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
        var (conversation, _) = await chat.Conversations.StartAsync(Acme);
        await chat.Conversations.ClaimAsync(Acme, conversation.Id, Alice);
        await Settle.AllAsync(provider);
        var recorder = recorded();
        var agentReads = agentStore!.Calls;

        foreach (var text in new[] { "first reply", "second reply" })
        {
            recorder.Calls.Clear();
            agentReads.Clear();

            var message = await chat.Conversations.PostAgentMessageAsync(Acme, conversation.Id, Alice, text);

            message.Sender.Should().Be(new MessageSender(SenderKind.Agent, "Alice", Alice));
            recorder.Calls.Should().Equal(nameof(IConversationStore.FindConversationAsync), nameof(IConversationStore.AppendAsync));
            agentReads.Should().BeEmpty("the conversation alone says who may post as its agent, and under what name");
        }
    }

    [Fact]
    public async Task AgentPost_AfterTheAgentWasRenamed_CarriesTheNameTheConversationShows_UntilTheNextAssignment()
    {
        await using var h = new LiveChatHarness();
        await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.StartAsync();
        await h.Chat.Conversations.ClaimAsync(Acme, conversation.Id, Alice);

        await h.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice Martin", 5));
        var before = await h.Chat.Conversations.PostAgentMessageAsync(Acme, conversation.Id, Alice, "still the old name here");
        var (next, _) = await h.StartAsync();
        await h.Chat.Conversations.ClaimAsync(Acme, next.Id, Alice);
        var after = await h.Chat.Conversations.PostAgentMessageAsync(Acme, next.Id, Alice, "new name here");

        before.Sender.DisplayName.Should().Be("Agent alice", "the visitor of the first conversation knows Alice by that name");
        (await h.Chat.Conversations.GetAsync(Acme, conversation.Id)).CounterpartName.Should().Be("Agent alice");
        after.Sender.DisplayName.Should().Be("Alice Martin", "the next assignment takes the new name");
    }

    [Fact]
    public async Task AgentPost_ByAnUnregisteredAgent_IsRefusedAsAgentNotFound_WhateverTheConversation()
    {
        await using var h = new LiveChatHarness();
        await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.StartAsync();
        await h.Chat.Conversations.ClaimAsync(Acme, conversation.Id, Alice);
        var ghost = new AgentId("ghost");

        await h.Invoking(x => x.Chat.Conversations.PostAgentMessageAsync(Acme, conversation.Id, ghost, "hi").AsTask())
            .Should().ThrowAsync<AgentNotFoundException>("someone else's conversation");
        await h.Invoking(x => x.Chat.Conversations.PostAgentMessageAsync(Acme, new ConversationId(Guid.CreateVersion7()), ghost, "hi").AsTask())
            .Should().ThrowAsync<AgentNotFoundException>("no such conversation either");
        await h.Invoking(x => x.Chat.Conversations.PostAgentMessageAsync(new WorkspaceId("other"), conversation.Id, Alice, "hi").AsTask())
            .Should().ThrowAsync<AgentNotFoundException>("Alice is not an agent of another workspace");
        (await h.Chat.Conversations.GetMessagesAsync(Acme, conversation.Id)).Should().NotContain(m => m.Text == "hi");
    }

    [Fact]
    public async Task AgentPost_ByARegisteredAgentWhoDoesNotOwnTheConversation_IsRefusedAsNotAssigned()
    {
        await using var h = new LiveChatHarness();
        await h.OnlineAgentAsync("alice");
        await h.OnlineAgentAsync("bob");
        var (conversation, _) = await h.StartAsync();
        await h.Chat.Conversations.ClaimAsync(Acme, conversation.Id, Alice);

        await h.Invoking(x => x.Chat.Conversations.PostAgentMessageAsync(Acme, conversation.Id, Bob, "mine now").AsTask())
            .Should().ThrowAsync<NotAssignedAgentException>();
        await h.Chat.Conversations.EndAsync(Acme, conversation.Id, Alice);
        await h.Invoking(x => x.Chat.Conversations.PostAgentMessageAsync(Acme, conversation.Id, Alice, "too late").AsTask())
            .Should().ThrowAsync<ConversationEndedException>();
    }
}
