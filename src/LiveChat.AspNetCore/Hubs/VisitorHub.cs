using LiveChat.AspNetCore.Internal;
using LiveChat.AspNetCore.Wire;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Texts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace LiveChat.AspNetCore.Hubs;

/// <summary>
/// The visitor hub (features W1, W2, W6), mapped at <c>{prefix}/visitor?widget={public widget key}</c>. A connection
/// either starts a conversation (<see cref="Start"/>) or resumes the one its credential names (<see cref="Resume"/>),
/// then acts on that conversation only. Refusals are <see cref="HubException"/>s with a <see cref="LiveChatHubErrors"/> code.
/// </summary>
/// <remarks>
/// The credential travels in the HttpOnly cookie set by <c>POST {prefix}/visitor/session</c>, or in the
/// <c>Authorization: Bearer</c> header (the .NET client's access token on every transport); a URL carrying
/// <c>access_token</c> is refused, so the secret never lands in a server log. A new instance serves each call.
/// </remarks>
public sealed class VisitorHub : Hub<IVisitorClient>
{
    private readonly LiveChatEngine _engine;
    private readonly FeedRegistry _feeds;
    private readonly WidgetDirectory _widgets;
    private readonly HubMetrics _metrics;
    private readonly IHubContext<VisitorHub, IVisitorClient> _context;
    private readonly ILogger _logger;
    private readonly string _defaultBotName;

    internal VisitorHub(
        LiveChatEngine engine, FeedRegistry feeds, WidgetDirectory widgets, HubMetrics metrics, IHubContext<VisitorHub, IVisitorClient> context, ILogger<VisitorHub> logger,
        string defaultBotName)
    {
        _defaultBotName = defaultBotName;
        _context = context;
        _engine = engine;
        _feeds = feeds;
        _widgets = widgets;
        _metrics = metrics;
        _logger = logger;
    }

    private VisitorConnection Connection => VisitorConnection.Of(Context);

    private VisitorCredential Session => Connection.Session ?? throw NoSession();

    /// <summary>The core's session of the connection's conversation: its calls do not hash the token again.</summary>
    private VisitorSession Authorized => Connection.Authorized ?? throw NoSession();

    /// <summary>Checks the widget key and the page's origin, and reads the credential the request carries.</summary>
    public override Task OnConnectedAsync()
    {
        var request = Context.GetHttpContext()?.Request ?? throw HubErrors.NotFound();
        var workspace = _widgets.Resolve(request.Query[WidgetDirectory.QueryKey].ToString(), request);
        Context.Features.Set(new VisitorConnection(workspace, _widgets.Credential(request)));
        return Task.CompletedTask;
    }

    /// <summary>Stops the connection's feed.</summary>
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        _feeds.RemoveConnection(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Starts a conversation in the widget's workspace; its messages follow as <c>MessageReceived</c>, from the first.</summary>
    /// <returns>The credential, for a client that resumes with the Authorization header, and the state.</returns>
    [LimitedCall(start: true)]
    public async Task<VisitorStarted> Start(VisitorStartRequest? request = null)
    {
        var started = await _engine.Conversations.StartAsync(
            Connection.Workspace, new StartConversationRequest { VisitorName = request?.VisitorName }, Context.ConnectionAborted).ConfigureAwait(false);
        var credential = new VisitorCredential(started.Conversation.Id, started.VisitorToken);
        await AuthorizeAsync(credential).ConfigureAwait(false);
        await FollowAsync(credential, 0).ConfigureAwait(false);
        return new VisitorStarted(credential.Encode(), WireMapper.Visitor(started.Conversation));
    }

    /// <summary>
    /// Resumes the conversation of the presented credential: every message after <paramref name="afterSequence"/> follows as
    /// <c>MessageReceived</c>, in order and exactly once, read from the store, all sent before this call's result (feature W2).
    /// </summary>
    /// <param name="afterSequence">The last sequence the client saw; 0 for everything.</param>
    /// <returns>The conversation's state now, so a widget closes its reply box on a chat that ended meanwhile.</returns>
    /// <remarks>A form the bot still waits for is requested again (<c>FormRequested</c>), after the messages.</remarks>
    public async Task<VisitorState> Resume(long afterSequence = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        var credential = Connection.Presented ?? throw HubErrors.NotFound();
        var view = await (await AuthorizeAsync(credential).ConfigureAwait(false)).GetConversationAsync(Context.ConnectionAborted).ConfigureAwait(false);
        await FollowAsync(credential, afterSequence).ConfigureAwait(false);
        await ResendPendingFormAsync(credential).ConfigureAwait(false);
        _metrics.Resumed();
        return WireMapper.Visitor(view);
    }

    /// <summary>
    /// How the widget looks and which language its texts use (features P2, W3): the playbook of the visitor's conversation,
    /// else the workspace's active playbook, else the defaults (<c>LiveChatOptions.BotDisplayName</c>, English). Callable
    /// before <see cref="Start"/> or <see cref="Resume"/>, so the widget can draw itself first.
    /// </summary>
    public async Task<WidgetAppearance> GetAppearance()
    {
        var playbook = Connection.Session is { } session
            ? await _engine.Playbooks.GetPlaybookAsync(Connection.Workspace, session.ConversationId, Context.ConnectionAborted).ConfigureAwait(false)
            : null;
        playbook ??= _engine.Playbooks.GetActive(Connection.Workspace);
        var look = playbook?.Appearance ?? new PlaybookAppearance { BotName = _defaultBotName };
        return new WidgetAppearance(look.BotName, look.PrimaryColor, look.TextColor, look.Icon, playbook?.Language ?? "en");
    }

    /// <summary>Posts the visitor's message; the bot answers playbook questions, including the routing question, from it.</summary>
    /// <param name="text">The text: not empty, at most <c>LiveChatOptions.MaxMessageLength</c> characters, stored as given and shown as text.</param>
    /// <param name="clientMessageId">The idempotency key: a retry with it stores nothing new.</param>
    [LimitedCall(start: false)]
    public async Task<WireMessage> Post(string text, string? clientMessageId = null)
        => WireMapper.Message(await Authorized.PostAsync(text, clientMessageId, Context.ConnectionAborted).ConfigureAwait(false), forAgent: false);

    /// <summary>Submits a contact form (features E1, E3, P7).</summary>
    [LimitedCall(start: false)]
    public async Task SubmitContactForm(VisitorContactForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        await _engine.Visitors.SubmitContactFormAsync(
            Connection.Workspace, Session.ConversationId, Session.Token, new ContactForm { Name = form.Name, Email = form.Email, Phone = form.Phone }, Context.ConnectionAborted).ConfigureAwait(false);
    }

    /// <summary>Asks for a human (features R2–R7).</summary>
    /// <returns><c>Assigned</c>, <c>Queued</c>, <c>Offline</c> or <c>Offered</c>.</returns>
    [LimitedCall(start: false)]
    public async Task<string> RequestAgent()
        => (await Authorized.RequestAgentAsync(cancellationToken: Context.ConnectionAborted).ConfigureAwait(false)).ToString();

    /// <summary>E-mails the transcript to the visitor (feature E2).</summary>
    /// <param name="email">The address, or <see langword="null"/> for the one the visitor gave.</param>
    /// <param name="clientRequestId">The idempotency key: a retry sends nothing twice.</param>
    /// <returns>The delivery's status: <c>Pending</c>, <c>Sent</c> or <c>Failed</c>.</returns>
    [LimitedCall(start: false)]
    public async Task<string> SendTranscript(string? email = null, string? clientRequestId = null)
        => (await _engine.Visitors.SendTranscriptAsync(Connection.Workspace, Session.ConversationId, Session.Token, email, clientRequestId, Context.ConnectionAborted).ConfigureAwait(false)).Status.ToString();

    /// <summary>The visitor closed the page (feature E4): unread agent replies may go by e-mail.</summary>
    public async Task PageClosed()
        => await _engine.Visitors.PageClosedAsync(Connection.Workspace, Session.ConversationId, Session.Token, Context.ConnectionAborted).ConfigureAwait(false);

    /// <summary>Moves the visitor's read cursor (feature C8).</summary>
    /// <returns>The cursor after the call.</returns>
    public async Task<long> MarkRead(long upToSequence)
        => await Authorized.MarkReadAsync(upToSequence, Context.ConnectionAborted).ConfigureAwait(false);

    /// <summary>How many messages the visitor has not read.</summary>
    public async Task<int> GetUnreadCount()
        => await Authorized.GetUnreadCountAsync(Context.ConnectionAborted).ConfigureAwait(false);

    /// <summary>The visitor started or stopped typing (feature W6): relayed to the agents who opened the conversation, never stored.</summary>
    public Task Typing(bool isTyping)
    {
        var typing = new TypingIndicator(Session.ConversationId.ToString(), "visitor", string.Empty, isTyping);
        foreach (var feed in _feeds.For(Connection.Workspace, Session.ConversationId).Where(f => f.Agent is not null))
        {
            feed.Send(() => feed.Agent!.Typing(typing));
        }

        return Task.CompletedTask;
    }

    /// <summary>The visitor ends the conversation.</summary>
    public async Task<VisitorState> End()
        => WireMapper.Visitor(await Authorized.EndAsync(Context.ConnectionAborted).ConfigureAwait(false));

    /// <summary>
    /// A form the bot is still waiting for (feature P7) is shown again: its <c>FormRequested</c> went only to the connections
    /// open when it was asked, and a widget that connected or reconnected since would never show it.
    /// </summary>
    private async Task ResendPendingFormAsync(VisitorCredential credential)
    {
        var (workspace, id) = (Connection.Workspace, credential.ConversationId);
        if (await _engine.Playbooks.GetRunAsync(workspace, id, Context.ConnectionAborted).ConfigureAwait(false) is { PendingForm: { } pending }
            && await _engine.Playbooks.GetPlaybookAsync(workspace, id, Context.ConnectionAborted).ConfigureAwait(false) is { } playbook)
        {
            var text = _engine.Playbooks.Texts.Get(
                playbook.Language, pending == PlaybookFormKind.ContactForm ? SystemText.ContactFormInvitation : SystemText.TranscriptOffer, workspace);
            await Clients.Caller.FormRequested(new VisitorFormRequest(id.ToString(), pending.ToString(), text, playbook.Language)).ConfigureAwait(false);
        }
    }

    /// <summary>Checks the credential's token once and keeps the core's session for the connection's later calls.</summary>
    private async Task<VisitorSession> AuthorizeAsync(VisitorCredential credential)
    {
        var session = await _engine.Visitors.AuthorizeAsync(Connection.Workspace, credential.ConversationId, credential.Token, Context.ConnectionAborted).ConfigureAwait(false);
        Connection.Authorized = session;
        return session;
    }

    private static HubException NoSession() => HubErrors.Create(LiveChatHubErrors.NoSession, "Call Start or Resume first.");

    private Task FollowAsync(VisitorCredential credential, long afterSequence)
    {
        Connection.Session = credential;
        var (workspace, id, token) = (Connection.Workspace, credential.ConversationId, credential.Token);
        _feeds.RemoveConnection(Context.ConnectionId);
        var feed = new ConversationFeed(Context.ConnectionId, workspace, id, _context.Clients.Client(Context.ConnectionId), null, _engine, token, _metrics, _logger);
        _feeds.Add(feed);
        return feed.CatchUpAsync(afterSequence);
    }
}
