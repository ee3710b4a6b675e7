using LiveChat.Core.Routing;
using System.Diagnostics.Metrics;
using LiveChat.Core.Diagnostics;
using LiveChat.Core.Storage;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>X1 and X8: AddLiveChat with validated options, TimeProvider from DI, pluggable ports, metrics.</summary>
public sealed class X1_DependencyInjectionTests
{
    [Fact]
    public async Task AddLiveChat_RegistersAWorkingEngine_WithTheEmbeddedDefaults()
    {
        await using var provider = new ServiceCollection().AddLiveChat().Services.BuildServiceProvider();

        provider.GetRequiredService<LiveChatEngine>().Should().NotBeNull();
        provider.GetRequiredService<IConversationStore>().Should().BeOfType<InMemoryLiveChatStore>()
            .And.BeSameAs(provider.GetRequiredService<IAgentStore>());
        provider.GetServices<ILiveChatEventPublisher>().Should().ContainSingle().Which.Should().BeOfType<ChannelEventHub>();
    }

    [Fact]
    public async Task AddLiveChat_CalledTwice_RegistersEverythingOnce()
    {
        var services = new ServiceCollection();
        services.AddLiveChat(o => o.MaxMessageLength = 50);
        services.AddLiveChat(o => o.BotDisplayName = "Leo");
        await using var provider = services.BuildServiceProvider();

        provider.GetServices<ILiveChatEventPublisher>().Should().ContainSingle();
        provider.GetServices<LiveChatEngine>().Should().ContainSingle();
        var options = provider.GetRequiredService<IOptions<LiveChatOptions>>().Value;
        options.MaxMessageLength.Should().Be(50);
        options.BotDisplayName.Should().Be("Leo");
    }

    [Fact]
    public async Task InvalidOptions_AreReportedTogether_WhenTheEngineIsResolved()
    {
        await using var provider = new ServiceCollection()
            .AddLiveChat(o => { o.MaxMessageLength = 0; o.BotDisplayName = " "; o.EventBufferCapacity = -1; })
            .Services.BuildServiceProvider();

        var error = FluentActions.Invoking(() => provider.GetRequiredService<LiveChatEngine>()).Should().Throw<OptionsValidationException>().Which;

        error.Failures.Should().HaveCount(3);
        error.Message.Should().Contain("MaxMessageLength").And.Contain("BotDisplayName").And.Contain("EventBufferCapacity");
    }

    [Fact]
    public async Task TimeProvider_RegisteredByTheHost_IsTheClockOfTheSdk()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var provider = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddLiveChat().Services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();

        var (conversation, _) = await chat.Conversations.StartAsync(new WorkspaceId("w"));

        conversation.StartedAt.Should().Be(clock.GetUtcNow());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HostLogging_ReceivesTheSdksLogs_WhetherRegisteredBeforeOrAfterAddLiveChat(bool loggingFirst)
    {
        var sink = new RecordingLoggerProvider();
        var services = new ServiceCollection();
        if (loggingFirst)
        {
            services.AddLogging(b => b.AddProvider(sink));
        }

        services.AddLiveChat();
        if (!loggingFirst)
        {
            services.AddLogging(b => b.AddProvider(sink));
        }

        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<LiveChatEngine>().Conversations.StartAsync(new WorkspaceId("logs"));

        sink.Messages.Should().Contain(m => m.Contains("started in workspace logs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseStore_ReplacesEveryStorePort_WithOneInstance()
    {
        var mine = new InMemoryLiveChatStore();
        await using var provider = new ServiceCollection().AddLiveChat().UseStore(_ => mine).Services.BuildServiceProvider();

        provider.GetRequiredService<IConversationStore>().Should().BeSameAs(mine);
        provider.GetRequiredService<IAgentStore>().Should().BeSameAs(mine);
        provider.GetRequiredService<IIdentityLogStore>().Should().BeSameAs(mine);
    }

    [Fact]
    public async Task Metrics_CountStartedAndEndedConversations_MessagesAndTheQueue()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        // Tests run in parallel on the same meter name: count only this test's own workspace.
        var workspace = new WorkspaceId($"metrics-{Guid.NewGuid():N}");
        var measurements = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LiveChatMetrics.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "livechat.workspace" && Equals(tag.Value, workspace.Value))
                {
                    lock (measurements)
                    {
                        measurements[instrument.Name] = measurements.GetValueOrDefault(instrument.Name) + value;
                    }
                }
            }
        });
        listener.Start();
        var alice = await h.OnlineAgentAsync("alice", workspace: workspace);

        var (conversation, token) = await h.StartAsync(workspace: workspace);
        await h.Chat.Visitors.PostAsync(workspace, conversation.Id, token, "hi");
        await h.Chat.Conversations.RequestAgentAsync(workspace, conversation.Id);
        var queued = measurements.GetValueOrDefault("livechat.queue.length");
        await h.Chat.Conversations.ClaimAsync(workspace, conversation.Id, alice);
        await h.Chat.Conversations.EndAsync(workspace, conversation.Id, alice);

        queued.Should().Be(1);
        measurements["livechat.conversations.started"].Should().Be(1);
        measurements["livechat.conversations.ended"].Should().Be(1);
        measurements["livechat.messages.posted"].Should().Be(4, "the visitor's message and three system messages");
        measurements["livechat.queue.length"].Should().Be(0);
    }
}
