using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Tests.Scenarios;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Tests.Flow;

/// <summary>Issue 15, item 4: composition by constructors, start tasks run once, stop drains what is in flight, host logging wins.</summary>
public sealed class LifecycleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HostedService_StartRunsEachStartTaskOnce_AndStopWaitsForAReactionInFlight()
    {
        var task = new CountingStartTask();
        var slow = new GatePublisher(e => e is MessagePosted);
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatEventPublisher>(slow);
        services.AddSingleton<ILiveChatStartTask>(task);
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().Should().ContainSingle().Subject;

        await hosted.StartAsync(CancellationToken.None);
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await provider.GetRequiredService<BackgroundWork>().WhenIdleAsync();
        task.Runs.Should().Be(1, "the host's start and the engine's resolution start the tasks once between them");

        var (conversation, token) = await chat.Conversations.StartAsync(new WorkspaceId("acme"));
        await chat.Visitors.PostAsync(conversation.Workspace, conversation.Id, token, "in flight");
        await slow.Entered.Task.WaitAsync(Patience);
        var stopping = hosted.StopAsync(CancellationToken.None);
        stopping.IsCompleted.Should().BeFalse("a publisher is still handling an event");

        slow.Open();
        await stopping.WaitAsync(Patience);
        slow.Finished.Should().BeTrue();
    }

    [Fact]
    public async Task WithoutAHost_ResolvingTheEngineRunsTheStartTasks()
    {
        var task = new CountingStartTask();
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatStartTask>(task);
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();

        _ = provider.GetRequiredService<LiveChatEngine>();
        _ = provider.GetRequiredService<LiveChatEngine>();
        await provider.GetRequiredService<BackgroundWork>().WhenIdleAsync();

        task.Runs.Should().Be(1);
    }

    [Fact]
    public async Task HostLogging_RegisteredAfterAddLiveChat_ReceivesTheSdksLogs()
    {
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLiveChat();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<LiveChatEngine>().Conversations.StartAsync(new WorkspaceId("acme"));

        logs.Messages.Should().Contain(m => m.Contains("started in workspace acme", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VisitorService_ResolvedBeforeTheEngine_StillHasTheBot()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var visitors = provider.GetRequiredService<VisitorService>();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var acme = new WorkspaceId("acme");
        await chat.Playbooks.PublishAsync(acme, new Playbook
        {
            Id = "greet",
            Version = 1,
            Language = "en",
            StartCardId = "ask",
            Cards =
            [
                new FreeTextQuestionCard { Id = "ask", Text = "What brings you here?", AnswerKey = "why", Next = "bye" },
                new EndCard { Id = "bye", Text = "Thanks!" },
            ],
        });
        var (conversation, token) = await chat.Conversations.StartAsync(acme);

        await visitors.PostAsync(acme, conversation.Id, token, "A quote");

        var texts = (await chat.Conversations.GetMessagesAsync(acme, conversation.Id)).Select(m => m.Text).ToList();
        texts.Should().ContainInOrder("What brings you here?", "A quote", "Thanks!");
    }

    private sealed class CountingStartTask : ILiveChatStartTask
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public ValueTask RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return ValueTask.CompletedTask;
        }
    }
}
