using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Email;

/// <summary>
/// E-mail to visitors (features E2–E6): per-workspace settings, templates, and the outbox's delivery status. The
/// visitor-facing calls (transcript, contact form, page closed) are on <see cref="VisitorService"/>.
/// </summary>
/// <remarks>
/// Thread-safe. E-mails are enqueued in the outbox (<see cref="IEmailStore"/>) and delivered in the background through
/// <see cref="IEmailTransport"/>, with retries; a call that enqueues returns before the e-mail is sent.
/// </remarks>
public sealed class EmailService
{
    private const int MaxWorkspaceNameLength = 200;
    private const int MaxCodeLength = 128;
    private const int MaxLinkLength = 2048;
    private readonly ConversationCommands _commands;
    private readonly IEmailStore _store;
    private readonly EmailDispatcher _dispatcher;
    private readonly EmailTemplateCatalog _templates;
    private readonly EmailOptions _options;
    private readonly WorkspaceLocales _locales;

    internal EmailService(
        ConversationCommands commands,
        IEmailStore store,
        EmailDispatcher dispatcher,
        EmailTemplateCatalog templates,
        WorkspaceLocales locales,
        IDueWorkStore dueWork,
        BackgroundWork work,
        ILogger<EmailService> logger,
        IConversationTimers? conversationTimers = null)
    {
        _locales = locales;
        Logger = logger;
        _commands = commands;
        _store = store;
        _dispatcher = dispatcher;
        _templates = templates;
        _options = commands.Options.Email;
        Replies = new ReplyNotifier(this, dueWork, work, _options, conversationTimers);
    }

    internal ReplyNotifier Replies { get; }

    internal ILogger Logger { get; }

    internal IEmailStore Store => _store;

    internal ConversationCommands Commands => _commands;

    /// <summary>
    /// Sets a workspace's sender (its admin address), languages, time zones and link template; replaces earlier settings.
    /// Saved in the <see cref="IWorkspaceSettingsStore"/>: every process over the same database uses them, this one at
    /// once and others within <see cref="LiveChatOptions.WorkspaceCacheDuration"/>, and a restart keeps them.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A language has no templates, a time zone id is unknown, the link template is not an absolute http(s) URL, the sender
    /// is <c>default(EmailAddress)</c>, or a text (workspace name up to 200 characters; language, time zone and channel up
    /// to 128; link template up to 2048) is white space, too long, or holds a control character (CR, LF, NUL …) or a lone
    /// surrogate: such text is refused, never cleaned or cut, and the message names the setting. Nothing changes then.
    /// </exception>
    public async ValueTask ConfigureAsync(WorkspaceId workspace, EmailSettings settings, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        ArgumentNullException.ThrowIfNull(settings);
        CheckTexts(settings);
        var languages = settings.ChannelLanguages.ToDictionary(p => p.Key, p => EmailTemplateCatalog.NormalizeLanguage(p.Value), StringComparer.Ordinal);
        var defaultLanguage = settings.DefaultLanguage is null ? null : EmailTemplateCatalog.NormalizeLanguage(settings.DefaultLanguage);
        foreach (var (language, setting) in languages.Values.Select(l => ((string?)l, nameof(settings.ChannelLanguages))).Append((defaultLanguage, nameof(settings.DefaultLanguage))))
        {
            if (language is not null && !_templates.HasLanguage(language))
            {
                throw Guard.InvalidSetting($"There are no e-mail templates for \"{language}\": use one of {string.Join(", ", BuiltInEmailTemplates.Languages)} or register templates for it first.", setting);
            }
        }

        if (settings.ConversationLinkTemplate is { } link
            && (!Uri.TryCreate(link.Replace("{conversation}", "x", StringComparison.Ordinal).Replace("{number}", "1", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https")))
        {
            throw Guard.InvalidSetting($"The conversation link template \"{link}\" is not an absolute http or https URL.", nameof(settings.ConversationLinkTemplate));
        }

        await _locales.SetAsync(workspace, settings with
        {
            DefaultLanguage = defaultLanguage,
            ChannelLanguages = System.Collections.Immutable.ImmutableDictionary.CreateRange(StringComparer.Ordinal, languages),
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="ConfigureAsync"/>, blocking while the store saves: kept for start-up code and existing callers; prefer
    /// the asynchronous form.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="ConfigureAsync"/>; nothing changes then.</exception>
    public void Configure(WorkspaceId workspace, EmailSettings settings) => ConfigureAsync(workspace, settings).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// A workspace's e-mail settings as stored, read again from the <see cref="IWorkspaceSettingsStore"/> once this
    /// process's copy is older than <see cref="LiveChatOptions.WorkspaceCacheDuration"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The workspace is undefined.</exception>
    public async ValueTask<EmailSettings> GetSettingsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => (await _locales.Workspaces.GetAsync(Guard.Defined(workspace), cancellationToken).ConfigureAwait(false)).Email;

    /// <summary>Refuses settings text that is not used exactly as given (issue 14): see <see cref="Guard.SettingText"/>.</summary>
    private static void CheckTexts(EmailSettings settings)
    {
        if (settings.Sender is { } sender)
        {
            Guard.Defined(sender, nameof(settings.Sender));
        }

        Guard.SettingText(settings.WorkspaceName, MaxWorkspaceNameLength, nameof(settings.WorkspaceName));
        Guard.SettingText(settings.DefaultLanguage, MaxCodeLength, nameof(settings.DefaultLanguage));
        Guard.SettingText(settings.TimeZone, MaxCodeLength, nameof(settings.TimeZone));
        Guard.SettingText(settings.ConversationLinkTemplate, MaxLinkLength, nameof(settings.ConversationLinkTemplate));
        Guard.SettingTexts(settings.ChannelLanguages, language => language, MaxCodeLength, nameof(settings.ChannelLanguages));
        Guard.SettingTexts(settings.ChannelTimeZones, zone => zone, MaxCodeLength, nameof(settings.ChannelTimeZones));
    }

    /// <summary>A workspace's settings; the defaults when it set none.</summary>
    public EmailSettings GetSettings(WorkspaceId workspace) => _locales.Settings(Guard.Defined(workspace));

    /// <summary>The language of a workspace's channel, for its e-mails and system texts (features E5, C4).</summary>
    public string LanguageFor(WorkspaceId workspace, string channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return _locales.Language(Guard.Defined(workspace), channel);
    }

    /// <summary>The time zone in which a workspace's channel shows times: the channel's, the workspace's, else UTC (features E2, C9).</summary>
    public TimeZoneInfo TimeZoneFor(WorkspaceId workspace, string channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return _locales.TimeZone(Guard.Defined(workspace), channel);
    }

    /// <summary>
    /// Registers a template that overrides the built-in one of <paramref name="kind"/> in <paramref name="language"/>:
    /// for every workspace, for one workspace, or for one channel of one workspace (feature E5).
    /// </summary>
    /// <param name="kind">Which e-mail.</param>
    /// <param name="language">The language, such as <c>fr</c>.</param>
    /// <param name="template">The Liquid sources.</param>
    /// <param name="workspace">The workspace, or <see langword="null"/> for all.</param>
    /// <param name="channel">A channel of <paramref name="workspace"/>, or <see langword="null"/> for all its channels.</param>
    /// <exception cref="EmailTemplateException">A part is empty, does not parse, or names an unknown placeholder.</exception>
    /// <exception cref="ArgumentException">A channel without a workspace, or a malformed language tag.</exception>
    public void RegisterTemplate(EmailKind kind, string language, EmailTemplate template, WorkspaceId? workspace = null, string? channel = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown e-mail kind.");
        }

        if (channel is not null && workspace is null)
        {
            throw new ArgumentException("A channel template needs its workspace.", nameof(channel));
        }

        _templates.Register(kind, EmailTemplateCatalog.NormalizeLanguage(language), template, workspace is { } ws ? Guard.Defined(ws) : null, channel);
    }

    /// <summary>
    /// An outbox entry and its delivery status (feature E6), or <see langword="null"/> when there is none with this id.
    /// An id with a NUL or a lone surrogate names no entry (the SDK never makes one), so it is answered
    /// <see langword="null"/> on every store without asking it (PostgreSQL cannot even hold such text).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, empty or white space.</exception>
    public ValueTask<EmailDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Guard.IsStorable(id) ? _store.FindDeliveryAsync(id, cancellationToken) : ValueTask.FromResult<EmailDelivery?>(null);
    }

    /// <summary>The e-mail address a conversation's visitor left, or <see langword="null"/>.</summary>
    public ValueTask<EmailRecipient?> GetRecipientAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => _store.FindRecipientAsync(Guard.Defined(workspace), Guard.Defined(conversationId), cancellationToken);

    /// <summary>
    /// Delivers every due outbox entry now, and returns how many were sent. The SDK does this by itself in the
    /// background; call it from a host's worker to deliver entries another process enqueued.
    /// </summary>
    public ValueTask<int> DispatchDueAsync(CancellationToken cancellationToken = default) => _dispatcher.DispatchDueAsync(cancellationToken);

    /// <summary>Completes when no background e-mail work runs: no outbox pass and no check for unread replies. For tests.</summary>
    internal async Task WhenIdleAsync()
    {
        await Replies.WhenIdleAsync().ConfigureAwait(false);
        await _dispatcher.WhenIdleAsync().ConfigureAwait(false);
    }

    internal EmailAddress SenderFor(WorkspaceId workspace)
        => GetSettings(workspace).Sender
            ?? (_options.DefaultSenderAddress is { } address ? EmailAddress.Create(address, _options.DefaultSenderName) : throw new EmailSenderNotConfiguredException(workspace));

    /// <summary>Renders and enqueues one e-mail; an id enqueued before returns the stored entry unchanged.</summary>
    internal async ValueTask<EmailDelivery> EnqueueAsync(
        EmailKind kind, Conversation conversation, EmailAddress to, string key, Action<Dictionary<string, object?>, TimeZoneInfo> fill, long coversUpTo, CancellationToken cancellationToken)
    {
        var from = SenderFor(conversation.Workspace);
        var settings = GetSettings(conversation.Workspace);
        var zone = TimeZoneFor(conversation.Workspace, conversation.Channel);
        var model = EmailComposer.Model(conversation, settings.WorkspaceName ?? from.DisplayName ?? string.Empty, EmailComposer.Link(settings.ConversationLinkTemplate, conversation), zone);
        fill(model, zone);
        var rendered = _templates.Render(kind, LanguageFor(conversation.Workspace, conversation.Channel), conversation.Workspace, conversation.Channel, model, zone);
        var id = EmailComposer.DeliveryId(kind, conversation.Id, key);
        var now = _commands.Time.GetUtcNow();
        var stored = await _store.EnqueueAsync(
            new EmailDelivery
            {
                Id = id,
                Workspace = conversation.Workspace,
                ConversationId = conversation.Id,
                Kind = kind,
                Message = EmailComposer.Message(id, from, to, rendered, conversation),
                Status = EmailDeliveryStatus.Pending,
                EnqueuedAt = now,
                NextAttemptAt = now,
                CoversUpToSequence = coversUpTo,
                Version = 1,
            },
            cancellationToken).ConfigureAwait(false);
        _dispatcher.Kick();
        return stored;
    }

    /// <summary>Saves the visitor's address for later replies, keeping how far replies were e-mailed already.</summary>
    internal async ValueTask SaveRecipientAsync(Conversation conversation, EmailAddress address, bool leftWhileOffline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stored = await _store.FindRecipientAsync(conversation.Workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
            var recipient = stored is null
                ? new EmailRecipient { Workspace = conversation.Workspace, ConversationId = conversation.Id, Address = address, LeftWhileOffline = leftWhileOffline, Version = 1 }
                : stored with { Address = address, LeftWhileOffline = stored.LeftWhileOffline || leftWhileOffline, Version = stored.Version + 1 };
            if (await _store.TrySaveRecipientAsync(recipient, cancellationToken).ConfigureAwait(false))
            {
                // Replies that are unread already are e-mailed after the usual window.
                await Replies.ArmAsync(conversation.Workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }
}
