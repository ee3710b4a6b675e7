using LiveChat.Core.Diagnostics;
using LiveChat.Core.Flow;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveChat.Core.Internal;

/// <summary>The write path, the one-way flow and the lifecycle every area builds on.</summary>
internal static class CoreRegistration
{
    /// <summary>
    /// Options, clock, logging, metrics, the embedded store, the write path, the dispatcher and the background work with
    /// its hosted service. Logging is added with <c>AddLogging</c>, which only adds what the host has not: a host's
    /// logging, registered before or after, is the one used; with none, nothing is logged.
    /// </summary>
    public static IServiceCollection AddLiveChatCore(this IServiceCollection services)
    {
        services.AddOptions<LiveChatOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveChatOptions>, LiveChatOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiveChatMetrics>();

        services.TryAddSingleton<InMemoryLiveChatStore>();
        services.TryAddSingleton<IConversationStore>(sp => sp.GetRequiredService<InMemoryLiveChatStore>());
        services.TryAddSingleton<IAgentStore>(sp => sp.GetRequiredService<InMemoryLiveChatStore>());
        services.TryAddSingleton<IIdentityLogStore>(sp => sp.GetRequiredService<InMemoryLiveChatStore>());

        services.TryAddSingleton<InMemoryWorkspaceSettingsStore>();
        services.TryAddSingleton<IWorkspaceSettingsStore>(sp => sp.GetRequiredService<InMemoryWorkspaceSettingsStore>());
        services.TryAddSingleton<InMemoryPlaybookStore>();
        services.TryAddSingleton<IPlaybookStore>(sp => sp.GetRequiredService<InMemoryPlaybookStore>());
        services.TryAddSingleton<InMemoryDueWorkStore>();
        services.TryAddSingleton<IDueWorkStore>(sp => sp.GetRequiredService<InMemoryDueWorkStore>());
        services.TryAddSingleton(sp => new DueWorkSweep(
            sp.GetRequiredService<IDueWorkStore>(), sp.GetServices<IDueWorkOwner>(), sp.GetRequiredService<BackgroundWork>().Time,
            sp.GetRequiredService<ILogger<DueWorkSweep>>()));

        services.TryAddSingleton<BackgroundWork>();
        services.TryAddSingleton<LiveChatStartup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LiveChatHostedService>());
        services.TryAddSingleton(sp => new WorkspaceSettings(
            sp.GetRequiredService<IWorkspaceSettingsStore>(), sp.GetRequiredService<IPlaybookStore>(), sp.GetRequiredService<BackgroundWork>(), sp.GetRequiredService<IOptions<LiveChatOptions>>().Value.WorkspaceCacheDuration));
        services.TryAddSingleton(sp => new WorkspaceLocales(sp.GetRequiredService<IOptions<LiveChatOptions>>().Value.Email, sp.GetRequiredService<WorkspaceSettings>()));
        services.TryAddSingleton<TextCatalog>(sp => sp.GetRequiredService<WorkspaceLocales>().Texts);
        services.TryAddSingleton<ConversationDispatcher>();
        services.TryAddSingleton<EventDispatcher>();
        services.TryAddSingleton<ConversationCommands>();
        services.TryAddSingleton<AgentResolver>();
        return services;
    }
}
