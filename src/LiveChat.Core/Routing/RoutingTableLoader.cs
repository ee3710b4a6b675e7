using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Routing;

/// <summary>
/// Builds a workspace's <see cref="WorkspaceRouter"/> from the store (features R1–R7): its teams, its agents with their
/// presence and requeue timers, the backlog of unassigned conversations with a routing ticket, oldest first, and the
/// live offers, which keep holding their seats with their leases running again. The one place a restarted process
/// recovers routing from.
/// </summary>
/// <remarks>Stateless and thread-safe; each call builds a new router.</remarks>
internal sealed class RoutingTableLoader(RoutingContext context)
{
    private const int Page = 1000;

    /// <summary>Loads the workspace and asks for a first drain: requests waiting since before this process started are routed at once.</summary>
    /// <exception cref="Exception">Whatever the store throws; nothing is kept, so the next call loads again.</exception>
    public async Task<WorkspaceRouter> LoadAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var teams = await context.Agents.ListTeamsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var readAt = context.Time.GetUtcNow(); // presence is judged when the agents were read (see WorkspaceRouter.PresenceDueAsync)
        var agents = await context.Agents.ListAgentsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var backlog = new List<Conversation>();
        for (InboxCursor? after = null; ;)
        {
            var page = await context.Conversations.QueryInboxAsync(new InboxQuery(workspace, InboxFolder.Unassigned, default, Page, after), cancellationToken).ConfigureAwait(false);
            backlog.AddRange(page.Where(c => c.Routing is not null));
            if (page.Count < Page)
            {
                break;
            }

            after = new InboxCursor(0, page[^1].Number);
        }

        var router = new WorkspaceRouter(context, workspace);
        var now = context.Time.GetUtcNow();
        foreach (var team in teams)
        {
            router.DefineTeam(team);
        }

        foreach (var agent in agents)
        {
            router.RestoreAgent(agent, readAt);
        }

        foreach (var c in backlog)
        {
            router.RestoreWaiting(c, now);
        }

        // Who was told of a waiting request before the restart is not known here: in Alert mode and with the Manual
        // strategy each is announced again to every eligible agent, so at least once.
        router.RequestDrain();
        return router;
    }
}
