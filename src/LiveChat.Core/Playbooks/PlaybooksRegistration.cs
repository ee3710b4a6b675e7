using LiveChat.Core.Flow;
using LiveChat.Core.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveChat.Core.Playbooks;

/// <summary>The playbook bot (features P1–P8): its run store, the service and its reactor.</summary>
internal static class PlaybooksRegistration
{
    public static IServiceCollection AddPlaybooks(this IServiceCollection services)
    {
        services.TryAddSingleton<IPlaybookRunStore, InMemoryPlaybookRunStore>();
        services.TryAddBuilt<PlaybookService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILiveChatStartTask, PlaybookService>(sp => sp.GetRequiredService<PlaybookService>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueWorkOwner, PlaybookService>(sp => sp.GetRequiredService<PlaybookService>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationReactor, BotReactor>());
        return services;
    }
}
