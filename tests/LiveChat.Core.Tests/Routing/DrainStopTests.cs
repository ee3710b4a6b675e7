using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// A call that waits for the next drain pass while the running one gives up on the engine's stop: it ends once the engine
/// is disposed, and is never left waiting for a pass that will not run (seen once in Issue15b's shutdown check, as a
/// status change in flight that did not end within 30 s of the disposal).
/// </summary>
public sealed class DrainStopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task ACallWaitingForTheNextPass_WhenTheRunningPassGivesUpOnTheStop_EndsWithTheDisposal()
    {
        HeldCommitStore? store = null;
        var services = new ServiceCollection()
            .AddSingleton<IConversationStore>(sp => store ??= new HeldCommitStore(sp.GetRequiredService<InMemoryLiveChatStore>()));
        services.AddLiveChat();
        var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 5));
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(bob, "Bob", 5));
        for (var i = 0; i < 3; i++)
        {
            var (conversation, _) = await chat.Conversations.StartAsync(Acme);
            (await chat.Conversations.RequestAgentAsync(Acme, conversation.Id)).Outcome.Should().Be(HandoffOutcome.Offline);
        }

        // Alice's coming online runs a drain pass, whose first placement the store holds.
        store!.Hold = true;
        var first = Task.Run(() => chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online).AsTask());
        await store.Entered.Task.WaitAsync(Patience);

        // Bob's waits for the next pass, which the held one is asked to run when it ends.
        var second = Task.Run(() => chat.Agents.SetStatusAsync(Acme, bob, AgentStatus.Online).AsTask());
        var router = await provider.GetRequiredService<Router>().ForWorkspaceAsync(Acme, default);
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (!router.AwaitsNextPass)
        {
            TimeProvider.System.GetUtcNow().Should().BeBefore(deadline, "bob's status change waits for the next pass");
            await Task.Delay(10);
        }

        // The stop cancels the held commit: the pass gives up, and its worker with it.
        await provider.DisposeAsync().AsTask().WaitAsync(Patience);

        await FluentActions.Awaiting(() => second.WaitAsync(Patience)).Should().NotThrowAsync<TimeoutException>("a call in flight ends once the engine is disposed");
        await FluentActions.Awaiting(() => first.WaitAsync(Patience)).Should().NotThrowAsync<TimeoutException>();
    }

    /// <summary>The embedded store, holding each commit that gives a conversation an owner while <see cref="Hold"/> is set, until the caller's token is cancelled.</summary>
    private sealed class HeldCommitStore(InMemoryLiveChatStore inner) : DelegatingConversationStore(inner)
    {
        public bool Hold { get; set; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<CommitResult> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
        {
            if (Hold && commit.Updated.State == ConversationState.Assigned)
            {
                Entered.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await base.CommitAsync(commit, cancellationToken);
        }
    }
}
