using LiveChat.AspNetCore.Internal;
using LiveChat.AspNetCore.Wire;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveChat.AspNetCore.Hubs;

/// <summary>
/// The agent hub (features W1, W4, W5, N1), mapped at <c>{prefix}/agent</c>. The host's ASP.NET Core authentication
/// authenticates the user and an <see cref="ILiveChatAgentResolver"/> names the agent and workspace; anyone else is
/// refused with <see cref="LiveChatHubErrors.Unauthorized"/>. Every call acts in that workspace only. Each open connection
/// keeps the agent present (feature W5). Refusals are <see cref="HubException"/>s with a <see cref="LiveChatHubErrors"/> code.
/// </summary>
/// <remarks>A new instance serves each call.</remarks>
public sealed partial class AgentHub : Hub<IAgentClient>
{
    /// <summary>The most conversations a folder is counted to by <see cref="Resync"/>.</summary>
    public const int CountLimit = 1000;
    private const int FolderPage = 100;
    private readonly LiveChatEngine _engine;
    private readonly ILiveChatAgentResolver _resolver;
    private readonly AgentPresence _presence;
    private readonly FeedRegistry _feeds;
    private readonly HubMetrics _metrics;
    private readonly IHubContext<AgentHub, IAgentClient> _context;
    private readonly LiveChatAspNetCoreOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeSpan _presenceTimeout;
    private readonly ILogger _logger;

    internal AgentHub(
        LiveChatEngine engine,
        ILiveChatAgentResolver resolver,
        AgentPresence presence,
        FeedRegistry feeds,
        HubMetrics metrics,
        IHubContext<AgentHub, IAgentClient> context,
        IOptions<LiveChatAspNetCoreOptions> options,
        IOptions<LiveChatOptions> coreOptions,
        TimeProvider time,
        ILogger<AgentHub> logger)
    {
        _presenceTimeout = coreOptions.Value.Routing.PresenceTimeout;
        _time = time;
        _engine = engine;
        _resolver = resolver;
        _presence = presence;
        _feeds = feeds;
        _metrics = metrics;
        _context = context;
        _options = options.Value;
        _logger = logger;
    }

    private LiveChatAgentIdentity Me => Context.Features.Get<LiveChatAgentIdentity?>()!.Value;

    private WorkspaceId Workspace => Me.Workspace;

    private AgentId AgentId => Me.AgentId;

    /// <summary>Resolves the agent, refuses anyone else, joins their groups and counts the connection toward presence.</summary>
    public override async Task OnConnectedAsync()
    {
        var unauthorized = HubErrors.Create(LiveChatHubErrors.Unauthorized, "Sign in as an agent of the workspace.");
        var me = Context.User is { } user ? await _resolver.ResolveAsync(user, Context.ConnectionAborted).ConfigureAwait(false) : null;
        if (me is not { } identity)
        {
            throw unauthorized;
        }

        try
        {
            await _engine.Agents.GetAsync(identity.Workspace, identity.AgentId, Context.ConnectionAborted).ConfigureAwait(false);
        }
        catch (AgentNotFoundException)
        {
            throw unauthorized;
        }

        Context.Features.Set<LiveChatAgentIdentity?>(identity);
        await Groups.AddToGroupAsync(Context.ConnectionId, Internal.Groups.Workspace(identity.Workspace)).ConfigureAwait(false);
        await Groups.AddToGroupAsync(Context.ConnectionId, Internal.Groups.Agent(identity.Workspace, identity.AgentId)).ConfigureAwait(false);
        await _presence.ConnectedAsync(identity.Workspace, identity.AgentId, Context.ConnectionAborted).ConfigureAwait(false);
    }

    /// <summary>Stops the connection's feeds; the last connection of an agent stops their heartbeats.</summary>
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        _feeds.RemoveConnection(Context.ConnectionId);
        if (Context.Features.Get<LiveChatAgentIdentity?>() is not null)
        {
            _presence.Disconnected(Workspace, AgentId);
        }

        return Task.CompletedTask;
    }

    /// <summary>Sets the agent's status. Online counts only while a connection is open (feature W5).</summary>
    /// <param name="status"><c>Online</c>, <c>Away</c> or <c>Offline</c>.</param>
    public async Task<AgentSummary> SetStatus(string status)
    {
        var parsed = Enum.TryParse<AgentStatus>(status, ignoreCase: false, out var s) && Enum.IsDefined(s)
            ? s
            : throw new ArgumentException("The status is Online, Away or Offline.", nameof(status));
        return Summary(await _engine.Agents.SetStatusAsync(Workspace, AgentId, parsed, Context.ConnectionAborted).ConfigureAwait(false));
    }

    /// <summary>
    /// The workspace's agents with their status and presence, ordered by name (features R1, W4): the inbox offers the online
    /// and present ones as reassignment targets.
    /// </summary>
    public async Task<IReadOnlyList<AgentSummary>> ListAgents()
        => [.. (await _engine.Agents.ListAsync(Workspace, Context.ConnectionAborted).ConfigureAwait(false))
            .Select(Summary)
            .OrderBy(a => a.DisplayName, StringComparer.CurrentCulture)
            .ThenBy(a => a.AgentId, StringComparer.Ordinal)];

    /// <summary>One page of an inbox folder.</summary>
    /// <param name="folder"><c>Unassigned</c>, <c>Mine</c> or <c>Ended</c>.</param>
    /// <param name="pageSize">From 1 to <c>LiveChatOptions.MaxPageSize</c>.</param>
    /// <param name="continuationToken">The previous page's token, or <see langword="null"/> for the first page.</param>
    public async Task<InboxPage> ListInbox(string folder, int pageSize = 25, string? continuationToken = null)
    {
        var parsed = Enum.TryParse<InboxFolder>(folder, ignoreCase: false, out var f) && Enum.IsDefined(f)
            ? f
            : throw new ArgumentException("The folder is Unassigned, Mine or Ended.", nameof(folder));
        return WireMapper.Page(parsed, await _engine.Inbox.ListAsync(Workspace, AgentId, parsed, pageSize, continuationToken, Context.ConnectionAborted).ConfigureAwait(false), AgentId);
    }

    /// <summary>
    /// Everything a reconnecting agent client shows again (feature W2): their status, the folder counts, the first page of
    /// Unassigned and of Mine, and the pending alerts: the waiting requests the router alerts this agent of (those it would
    /// give them now, fallback teams included: <c>AgentService.ListAvailableAsync</c>, feature R5) and the live offers made to them.
    /// Then reopen each conversation with <see cref="OpenConversation"/> and the last sequence seen.
    /// </summary>
    public async Task<AgentResync> Resync()
    {
        var me = await _engine.Agents.GetAsync(Workspace, AgentId, Context.ConnectionAborted).ConfigureAwait(false);
        var agent = Summary(me);
        var unassigned = await _engine.Inbox.ListAsync(Workspace, AgentId, InboxFolder.Unassigned, FolderPage, null, Context.ConnectionAborted).ConfigureAwait(false);
        var mine = await _engine.Inbox.ListAsync(Workspace, AgentId, InboxFolder.Mine, FolderPage, null, Context.ConnectionAborted).ConfigureAwait(false);
        var counts = new InboxCounts(
            await CountAsync(InboxFolder.Unassigned).ConfigureAwait(false),
            await CountAsync(InboxFolder.Mine).ConfigureAwait(false),
            await CountAsync(InboxFolder.Ended).ConfigureAwait(false),
            CountLimit);
        var alerts = new List<AgentAlert>();
        var alertedFor = new Dictionary<RoutingTarget, bool>();
        foreach (var c in unassigned.Items.Where(c => c.State == ConversationState.Unassigned))
        {
            if (c.Routing?.Offer is { } offer)
            {
                if (offer.AgentId == AgentId)
                {
                    alerts.Add(new AgentAlert(c.Id.ToString(), "Offered", AgentId.Value, offer.OfferedAt, null, offer.Token, offer.ExpiresAt));
                }

                continue;
            }

            var target = c.Routing?.Target ?? RoutingTarget.Workspace;
            if (!alertedFor.TryGetValue(target, out var alerted))
            {
                alertedFor[target] = alerted = (await _engine.Agents.ListAvailableAsync(Workspace, target, Context.ConnectionAborted).ConfigureAwait(false)).Contains(AgentId);
            }

            if (alerted)
            {
                alerts.Add(new AgentAlert(c.Id.ToString(), "NewRequest", AgentId.Value, c.Routing?.QueuedAt ?? c.StartedAt, null, null, null));
            }
        }

        return new AgentResync(agent, counts, WireMapper.Page(InboxFolder.Unassigned, unassigned, AgentId), WireMapper.Page(InboxFolder.Mine, mine, AgentId), alerts);
    }

    private async Task<int> CountAsync(InboxFolder folder)
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await _engine.Inbox.ListAsync(Workspace, AgentId, folder, FolderPage, token, Context.ConnectionAborted).ConfigureAwait(false);
            count += page.Items.Count;
            token = page.ContinuationToken;
        }
        while (token is not null && count < CountLimit);

        return Math.Min(count, CountLimit);
    }

    private AgentSummary Summary(Agent agent) => WireMapper.Agent(agent, agent.IsPresentAt(_time.GetUtcNow(), _presenceTimeout));
}
