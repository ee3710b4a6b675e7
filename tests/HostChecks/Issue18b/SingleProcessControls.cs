using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LiveChat.Issue18b.Checks;

/// <summary>The same scenarios on one process without Orleans: tells an SDK-wide behaviour from a cluster one.</summary>
public sealed class SingleProcessControls(ITestOutputHelper output)
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task ContactForm_CancelledByARequestForAnAgent_OneProcess()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var recorder = new EventRecorder();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ILiveChatEventPublisher>(recorder);
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await chat.Playbooks.PublishAsync(Acme, Support.LoopingPlaybook(TimeSpan.FromSeconds(5), null));
        await Support.OnlineAgentAsync(chat, Acme, "alice"); // with nobody online the request goes Offline and the form still comes (offline flow)

        var (conversation, token) = await chat.StartIdAsync(Acme, new StartConversationRequest());
        var handoff = await chat.Visitors.RequestAgentAsync(Acme, conversation, token, LiveChat.Core.Routing.RoutingTarget.Workspace);
        output.WriteLine($"handoff: {handoff}; state {(await chat.Conversations.GetAsync(Acme, conversation)).State}");
        clock.Advance(TimeSpan.FromSeconds(6));
        var shown = await Support.MaxOverAsync(() => recorder.Events.OfType<PlaybookFormRequested>()
            .Count(e => e.ConversationId == conversation && e.Kind == PlaybookFormKind.ContactForm), TimeSpan.FromSeconds(2));
        shown.Should().Be(0, "PlaybookTimers.ContactFormAfterGreeting: cancelled when the conversation leaves the bot (an agent is requested or joins)");
    }
}
