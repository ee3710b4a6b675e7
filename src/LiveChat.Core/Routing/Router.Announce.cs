using LiveChat.Core.Transport;

namespace LiveChat.Core.Routing;

/// <summary>The router's announcements of requests that wait for a claim (features N1, R5, R8; seed 000).</summary>
internal sealed partial class Router
{
    /// <summary>
    /// Whether requests wait for a claim instead of being placed: Alert mode or the Manual strategy. The eligible
    /// available agents are told of each new one either way, and so is every agent who becomes eligible while it waits.
    /// </summary>
    private bool RequestsWait => _options.Mode == RoutingMode.Alert || _options.Strategy.BuiltIn == BuiltInStrategy.Manual;

    /// <summary>
    /// Tells each agent who has become eligible since the last look (came online or back to life, had a seat freed,
    /// joined a team) of the requests still waiting for them, oldest first. Each agent hears of a request once, and the
    /// claim withdraws it from every agent told (<see cref="AgentNotificationKind.RequestTaken"/>).
    /// </summary>
    private async ValueTask AnnounceAsync(WorkspaceRouting routing, CancellationToken cancellationToken)
    {
        var notifications = new List<AgentNotification>();
        var now = Time.GetUtcNow();
        lock (routing.Table.Gate)
        {
            var table = routing.Table;
            if (table.Openings == routing.AnnouncedOpenings)
            {
                return;
            }

            routing.AnnouncedOpenings = table.Openings;
            foreach (var waiting in routing.Backlog)
            {
                if (!routing.Alerts.TryGetValue(waiting.Id, out var told))
                {
                    routing.Alerts[waiting.Id] = told = [];
                }

                foreach (var agent in table.AvailableFor(waiting.Target))
                {
                    if (!told.Contains(agent))
                    {
                        told.Add(agent);
                        notifications.Add(new AgentNotification(routing.Workspace, waiting.Id, agent, AgentNotificationKind.NewRequest, now));
                    }
                }
            }
        }

        foreach (var notification in notifications)
        {
            await _events.PublishAsync(notification, cancellationToken).ConfigureAwait(false);
        }
    }
}
