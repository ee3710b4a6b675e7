using LiveChat.AspNetCore.Hubs;
using LiveChat.Core;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Transport;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveChat.AspNetCore.Internal;

/// <summary>
/// Forwards the engine's events to exactly the connections allowed to see them (features W1, N1, N2): messages and state
/// to the feeds of the conversation, notifications to every connection of the named agent, inbox changes to the
/// workspace's agents. It never waits for a client: a slow one catches up from the store (feature W2).
/// </summary>
/// <remarks>
/// It reads <see cref="ILiveChatEventSource"/>: the events this process committed, or, in a cluster (feature X7), those
/// of every server, each relayed by every server to the connections it holds (SignalR groups and feeds are local).
/// </remarks>
internal sealed class EventRelay(
    ILiveChatEventSource events,
    FeedRegistry feeds,
    IHubContext<AgentHub, IAgentClient> agents,
    ILogger<EventRelay> logger) : IHostedService, IAsyncDisposable
{
    private EventSubscription? _subscription;
    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe();
        _loop = Task.Run(() => RunAsync(_subscription), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_subscription is { } subscription)
        {
            _subscription = null;
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
    }

    private async Task RunAsync(EventSubscription subscription)
    {
        await foreach (var e in subscription.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                Relay(e);
            }
            catch (Exception failure)
            {
                Log.RelayFailed(logger, failure, e.ConversationId);
            }
        }
    }

    private void Relay(LiveChatEvent e)
    {
        switch (e)
        {
            case MessagePosted posted:
                foreach (var feed in feeds.For(e.Workspace, e.ConversationId))
                {
                    feed.Offer(posted.Message);
                }

                break;
            case ConversationStarted started:
                _ = agents.Clients.Group(Groups.Workspace(e.Workspace)).ConversationChanged(WireMapper.Agent(started.Conversation));
                break;
            case ConversationStateChanged changed:
                var state = WireMapper.Visitor(changed.Conversation);
                foreach (var feed in feeds.For(e.Workspace, e.ConversationId).Where(f => f.Visitor is not null))
                {
                    feed.Send(() => feed.Visitor!.StateChanged(state));
                }

                _ = agents.Clients.Group(Groups.Workspace(e.Workspace)).ConversationChanged(WireMapper.Agent(changed.Conversation));
                break;
            case AgentNotification notification:
                _ = agents.Clients.Group(Groups.Agent(e.Workspace, notification.AgentId)).Notified(WireMapper.Alert(notification));
                break;
            case PlaybookFormRequested form:
                var request = WireMapper.Form(form);
                foreach (var feed in feeds.For(e.Workspace, e.ConversationId).Where(f => f.Visitor is not null))
                {
                    feed.Send(() => feed.Visitor!.FormRequested(request));
                }

                break;
        }
    }
}
