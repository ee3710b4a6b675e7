using LiveChat.AspNetCore;
using LiveChat.AspNetCore.Hubs;
using LiveChat.AspNetCore.Internal;
using LiveChat.Core;
using LiveChat.Core.Transport;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the web transport to LiveChat.Core (features W1, W2, W5, W7, X1).</summary>
public static class AspNetCoreLiveChatBuilderExtensions
{
    /// <summary>
    /// Adds SignalR, the visitor and agent hubs, the event relay, presence from connections and the rate limits. Map the
    /// endpoints with <c>app.MapLiveChat("/livechat")</c>. Calling it again only applies <paramref name="configure"/> once more.
    /// </summary>
    /// <remarks>
    /// Options are validated when the host starts (<c>ValidateOnStart</c>); an invalid set stops the start with an
    /// <see cref="OptionsValidationException"/> listing every problem. Register your own <see cref="ILiveChatAgentResolver"/>
    /// to map users to agents other than by claims.
    /// </remarks>
    /// <param name="builder">The builder <c>AddLiveChat</c> returned.</param>
    /// <param name="configure">Sets <see cref="LiveChatAspNetCoreOptions"/>: at least one widget key.</param>
    /// <returns>The same builder.</returns>
    public static ILiveChatBuilder AddAspNetCore(this ILiveChatBuilder builder, Action<LiveChatAspNetCoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<LiveChatAspNetCoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveChatAspNetCoreOptions>, LiveChatAspNetCoreOptionsValidator>());
        if (services.Any(d => d.ServiceType == typeof(FeedRegistry)))
        {
            return builder;
        }

        // AddHubOptions marks the per-hub options as set, so SignalR reads them (and the filter in them) rather than the global ones.
        services.AddSignalR().AddHubOptions<VisitorHub>(_ => { }).AddHubOptions<AgentHub>(_ => { });
        services.AddSingleton<IConfigureOptions<HubOptions<VisitorHub>>, ConfigureHub<VisitorHub>>();
        services.AddSingleton<IConfigureOptions<HubOptions<AgentHub>>, ConfigureHub<AgentHub>>();
        services.TryAddSingleton<FeedRegistry>();
        services.TryAddSingleton<WidgetDirectory>();
        services.TryAddSingleton<VisitorRateLimits>();
        services.TryAddSingleton<LiveChatHubFilter>();
        services.TryAddSingleton(sp => new HubMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<ILiveChatAgentResolver, ClaimsAgentResolver>();
        services.TryAddSingleton(sp => new AgentPresence(
            sp.GetRequiredService<LiveChatEngine>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<LiveChatAspNetCoreOptions>>(), Logger<AgentPresence>(sp)));
        services.AddHostedService(sp => new EventRelay(
            sp.GetRequiredService<ILiveChatEventSource>(), sp.GetRequiredService<FeedRegistry>(), sp.GetRequiredService<IHubContext<AgentHub, IAgentClient>>(), Logger<EventRelay>(sp)));

        // SignalR takes hubs from the container when they are registered there, which lets their constructors stay internal.
        services.TryAddTransient(sp => new VisitorHub(
            sp.GetRequiredService<LiveChatEngine>(), sp.GetRequiredService<FeedRegistry>(), sp.GetRequiredService<WidgetDirectory>(),
            sp.GetRequiredService<HubMetrics>(), sp.GetRequiredService<IHubContext<VisitorHub, IVisitorClient>>(), Logger<VisitorHub>(sp),
            sp.GetRequiredService<IOptions<LiveChatOptions>>().Value.BotDisplayName));
        services.TryAddTransient(sp => new AgentHub(
            sp.GetRequiredService<LiveChatEngine>(), sp.GetRequiredService<ILiveChatAgentResolver>(), sp.GetRequiredService<AgentPresence>(),
            sp.GetRequiredService<FeedRegistry>(), sp.GetRequiredService<HubMetrics>(), sp.GetRequiredService<IHubContext<AgentHub, IAgentClient>>(),
            sp.GetRequiredService<IOptions<LiveChatAspNetCoreOptions>>(), sp.GetRequiredService<IOptions<LiveChatOptions>>(), sp.GetRequiredService<TimeProvider>(),
            Logger<AgentHub>(sp)));
        return builder;
    }

    /// <summary>
    /// The container's singleton logger: hubs are made for every call, and a logger made from the factory each time would
    /// take the factory's global lock on every message.
    /// </summary>
    private static ILogger<T> Logger<T>(IServiceProvider services)
        => services.GetService<ILogger<T>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<T>.Instance;

    /// <summary>The per-hub SignalR options: the message size limit and the filter.</summary>
    private sealed class ConfigureHub<THub>(IOptions<LiveChatAspNetCoreOptions> options) : IConfigureOptions<HubOptions<THub>>
        where THub : Hub
    {
        public void Configure(HubOptions<THub> hub)
        {
            hub.MaximumReceiveMessageSize = options.Value.MaxMessageBytes;
            hub.AddFilter<LiveChatHubFilter>();
        }
    }
}
