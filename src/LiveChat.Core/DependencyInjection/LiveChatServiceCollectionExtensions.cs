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
    /// <para>
    /// Each area registers itself (the write path and its dispatcher, routing, the bot, e-mail, the event hub, identity
    /// and the CRM, conversations), and the container builds every service from its constructor. Services are added
    /// only where the host has not registered them: a <see cref="TimeProvider"/>, logging or
    /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> of the host's is used, before or after this call;
    /// otherwise the system clock, no log output and a plain meter.
    /// </para>
    /// <para>
    /// Lifecycle: under a generic host, a hosted service builds <see cref="LiveChatEngine"/> when the host starts,
    /// which runs the engine's start work once, and on stop waits, up to the host's shutdown timeout, for the work in
    /// flight (reactions to recent changes, outbox passes, timer work). Without a host the engine starts when it is
    /// first resolved, and disposing the service provider with <c>DisposeAsync</c> waits for the same work. Options are
    /// validated when the host starts (<c>ValidateOnStart</c>), or, without a host, when the engine is first resolved.
    /// </para>
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets <see cref="LiveChatOptions"/>.</param>
    /// <returns>A builder for adapter packages.</returns>
    public static ILiveChatBuilder AddLiveChat(this IServiceCollection services, Action<LiveChatOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddLiveChatCore().AddRouting().AddPlaybooks().AddEmail().AddEventHub().AddIdentity().AddConversations();
        services.TryAddSingleton(sp =>
        {
            // Without a host nothing runs ValidateOnStart, so the entry point validates the options itself.
            _ = sp.GetRequiredService<IOptions<LiveChatOptions>>().Value;
            var engine = ServiceConstruction.Create<LiveChatEngine>(sp);
            sp.GetRequiredService<LiveChatStartup>().Start();
            return engine;
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
