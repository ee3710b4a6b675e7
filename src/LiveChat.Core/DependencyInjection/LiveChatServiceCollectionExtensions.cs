using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Diagnostics;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Internal;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers LiveChat.Core in a host's services (feature X1).</summary>
public static class LiveChatServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SDK with its embedded defaults: the in-memory store and the in-process event hub. Calling it again only
    /// applies <paramref name="configure"/> once more.
    /// </summary>
    /// <remarks>
    /// Options are validated when the host starts (<c>ValidateOnStart</c>), or, without a host, when
    /// <see cref="LiveChatEngine"/> is first resolved. A <see cref="TimeProvider"/>, <see cref="ILoggerFactory"/> or
    /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> registered by the host is used; otherwise the system clock,
    /// no logging and a plain meter.
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets <see cref="LiveChatOptions"/>.</param>
    /// <returns>A builder for adapter packages.</returns>
    public static ILiveChatBuilder AddLiveChat(this IServiceCollection services, Action<LiveChatOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LiveChatOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveChatOptions>, LiveChatOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LiveChatMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));

        services.TryAddSingleton<InMemoryLiveChatStore>();
        services.TryAddSingleton<IConversationStore>(sp => sp.GetRequiredService<InMemoryLiveChatStore>());
        services.TryAddSingleton<IAgentStore>(sp => sp.GetRequiredService<InMemoryLiveChatStore>());
        services.TryAddSingleton<IIdentityLogStore>(sp => sp.GetRequiredService<InMemoryLiveChatStore>());

        services.TryAddSingleton<ChannelEventHub>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILiveChatEventPublisher, ChannelEventHub>(sp => sp.GetRequiredService<ChannelEventHub>()));
        services.TryAddSingleton<ICrmGateway>(sp => new InMemoryCrm(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new WorkspaceLocales(sp.GetRequiredService<IOptions<LiveChatOptions>>().Value.Email));
        services.TryAddSingleton(sp => new IdentityService(
            sp.GetRequiredService<IConversationStore>(), sp.GetRequiredService<IIdentityLogStore>(), sp.GetRequiredService<ICrmGateway>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<WorkspaceLocales>(), Logger<IdentityService>(sp), sp.GetRequiredService<IOptions<LiveChatOptions>>().Value.DefaultVisitorName));

        // Loggers come from the host's ILoggerFactory when it has one, whenever it was registered; the SDK never
        // registers ILogger<> itself, so it cannot shadow the host's logging.
        // The transcript copy to the CRM (C9) listens to the same events, but is the SDK's own: hosts do not see it among the publishers.
        services.TryAddSingleton(sp => new EventDispatcher(
            sp.GetServices<ILiveChatEventPublisher>()
                .Append(new TranscriptFeedPublisher(sp.GetRequiredService<IdentityService>(), sp.GetRequiredService<IConversationStore>()))
                .Append(new DeferredPublisher(sp.GetRequiredService<ReplyNotifier>)),
            Logger<EventDispatcher>(sp)));
        services.TryAddSingleton(sp => new AgentResolver(sp.GetRequiredService<IAgentStore>(), Logger<AgentResolver>(sp)));
        services.TryAddSingleton(sp => new ConversationCommands(
            sp.GetRequiredService<IConversationStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<EventDispatcher>(),
            sp.GetRequiredService<LiveChatMetrics>(),
            sp.GetRequiredService<IOptions<LiveChatOptions>>(),
            sp.GetRequiredService<WorkspaceLocales>(),
            Logger<ConversationCommands>(sp)));
        services.TryAddSingleton(sp => new BackgroundWork(sp.GetRequiredService<TimeProvider>(), Logger<BackgroundWork>(sp)));
        services.TryAddSingleton(sp => new Router(
            sp.GetRequiredService<ConversationCommands>(),
            sp.GetRequiredService<IConversationStore>(),
            sp.GetRequiredService<IAgentStore>(),
            sp.GetRequiredService<EventDispatcher>(),
            sp.GetRequiredService<LiveChatMetrics>(),
            sp.GetRequiredService<BackgroundWork>(),
            sp.GetRequiredService<IOptions<LiveChatOptions>>(),
            Logger<Router>(sp)));
        services.TryAddSingleton(sp => new AgentService(sp.GetRequiredService<IAgentStore>(), sp.GetRequiredService<Router>(), sp.GetRequiredService<TimeProvider>(), Logger<AgentService>(sp)));
        services.TryAddSingleton(sp => new ConversationService(sp.GetRequiredService<ConversationCommands>(), sp.GetRequiredService<Router>(), sp.GetRequiredService<AgentResolver>()));
        services.TryAddSingleton<InMemoryEmailStore>();
        services.TryAddSingleton<IEmailStore>(sp => sp.GetRequiredService<InMemoryEmailStore>());
        services.TryAddSingleton<InMemoryEmailTransport>();
        services.TryAddSingleton<IEmailTransport>(sp => sp.GetRequiredService<InMemoryEmailTransport>());
        services.TryAddSingleton(sp => new EmailDispatcher(
            sp.GetRequiredService<IEmailStore>(),
            sp.GetRequiredService<IEmailTransport>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<LiveChatOptions>>().Value.Email,
            sp.GetRequiredService<EventDispatcher>(),
            sp.GetRequiredService<LiveChatMetrics>(),
            Logger<EmailDispatcher>(sp)));
        services.TryAddSingleton(sp => new EmailService(
            sp.GetRequiredService<ConversationCommands>(),
            sp.GetRequiredService<IEmailStore>(),
            sp.GetRequiredService<EmailDispatcher>(),
            new EmailTemplateCatalog(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ConversationCommands>().Texts),
            sp.GetRequiredService<WorkspaceLocales>(),
            Logger<EmailService>(sp)));
        // Resolved through the container so that it is disposed with it: its reply windows are timers.
        services.TryAddSingleton(sp => sp.GetRequiredService<EmailService>().Replies);
        services.TryAddSingleton(sp => new VisitorService(
            sp.GetRequiredService<ConversationCommands>(),
            sp.GetRequiredService<ConversationService>(),
            sp.GetRequiredService<IdentityService>(),
            sp.GetRequiredService<EmailService>()));
        services.TryAddSingleton(sp => new InboxService(sp.GetRequiredService<ConversationCommands>(), sp.GetRequiredService<AgentResolver>()));
        services.TryAddSingleton(sp => new ConversationDetailsService(sp.GetRequiredService<ConversationCommands>(), sp.GetRequiredService<AgentResolver>()));
        services.TryAddSingleton<IPlaybookRunStore, InMemoryPlaybookRunStore>();
        services.TryAddSingleton(sp => new PlaybookService(
            sp.GetRequiredService<ConversationCommands>(),
            sp.GetRequiredService<ConversationService>(),
            sp.GetRequiredService<AgentService>(),
            sp.GetRequiredService<IdentityService>(),
            sp.GetRequiredService<ICrmGateway>(),
            sp.GetRequiredService<IPlaybookRunStore>(),
            sp.GetRequiredService<EmailService>(),
            Logger<PlaybookService>(sp)));
        services.TryAddSingleton(sp =>
        {
            // Without a host nothing runs ValidateOnStart, so the entry point validates the options itself.
            _ = sp.GetRequiredService<IOptions<LiveChatOptions>>().Value;
            return new LiveChatEngine(
                sp.GetRequiredService<ConversationService>(),
                sp.GetRequiredService<VisitorService>(),
                sp.GetRequiredService<InboxService>(),
                sp.GetRequiredService<ConversationDetailsService>(),
                sp.GetRequiredService<AgentService>(),
                sp.GetRequiredService<ChannelEventHub>())
            {
                Identity = sp.GetRequiredService<IdentityService>(),
                Email = sp.GetRequiredService<EmailService>(),
                Crm = new CrmService(
                    sp.GetRequiredService<IConversationStore>(),
                    sp.GetRequiredService<AgentResolver>(),
                    sp.GetRequiredService<ConversationDetailsService>(),
                    sp.GetRequiredService<IdentityService>(),
                    sp.GetRequiredService<ICrmGateway>(),
                    sp.GetRequiredService<IEmailStore>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<WorkspaceLocales>()),
                Playbooks = sp.GetRequiredService<PlaybookService>(),
            };
        });

        return new LiveChatBuilder(services);
    }

    /// <summary>
    /// Replaces the embedded e-mail transport, which only records, with <typeparamref name="TTransport"/> (feature E6).
    /// Adapter packages call this from their own <c>Use…</c> method, such as <c>UseSmtp(…)</c>.
    /// </summary>
    public static ILiveChatBuilder UseEmailTransport<TTransport>(this ILiveChatBuilder builder, Func<IServiceProvider, TTransport> factory)
        where TTransport : class, IEmailTransport
    {
        return builder.UseOne<IEmailTransport, TTransport>(factory);
    }

    /// <summary>Replaces the embedded in-memory outbox with a durable <typeparamref name="TStore"/> (feature E6).</summary>
    public static ILiveChatBuilder UseEmailStore<TStore>(this ILiveChatBuilder builder, Func<IServiceProvider, TStore> factory)
        where TStore : class, IEmailStore
    {
        return builder.UseOne<IEmailStore, TStore>(factory);
    }

    /// <summary>Registers <typeparamref name="TImplementation"/> as the one singleton behind <typeparamref name="TPort"/>.</summary>
    private static ILiveChatBuilder UseOne<TPort, TImplementation>(this ILiveChatBuilder builder, Func<IServiceProvider, TImplementation> factory)
        where TPort : class
        where TImplementation : class, TPort
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAll<TImplementation>();
        builder.Services.AddSingleton(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton<TPort>(sp => sp.GetRequiredService<TImplementation>()));
        return builder;
    }

    private static ILogger<T> Logger<T>(IServiceProvider services)
        => (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<T>();

    /// <summary>
    /// Replaces the embedded store with <typeparamref name="TStore"/>, one singleton serving the three store ports, so that
    /// conversations, agents and the identity graph live in one place. Adapter packages call this from their own
    /// <c>Use…</c> method.
    /// </summary>
    public static ILiveChatBuilder UseStore<TStore>(this ILiveChatBuilder builder, Func<IServiceProvider, TStore> factory)
        where TStore : class, IConversationStore, IAgentStore, IIdentityLogStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAll<TStore>();
        builder.Services.AddSingleton(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton<IConversationStore>(sp => sp.GetRequiredService<TStore>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<IAgentStore>(sp => sp.GetRequiredService<TStore>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<IIdentityLogStore>(sp => sp.GetRequiredService<TStore>()));
        return builder;
    }
}
