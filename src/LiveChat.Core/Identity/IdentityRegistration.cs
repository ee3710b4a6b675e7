using LiveChat.Core.Crm;
using LiveChat.Core.Flow;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveChat.Core.Identity;

/// <summary>Identity and the CRM (features I1–I9, C7, C9): the embedded CRM, the services and the transcript copy's reactor.</summary>
internal static class IdentityRegistration
{
    public static IServiceCollection AddIdentity(this IServiceCollection services)
    {
        services.TryAddSingleton<ICrmGateway, InMemoryCrm>();
        services.TryAddSingleton(sp => new IdentityService(
            sp.GetRequiredService<IConversationStore>(),
            sp.GetRequiredService<IIdentityLogStore>(),
            sp.GetRequiredService<ICrmGateway>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<WorkspaceLocales>(),
            sp.GetRequiredService<BackgroundWork>(),
            sp.GetRequiredService<ILogger<IdentityService>>(),
            new(sp.GetRequiredService<IIdentityPort>),
            sp.GetRequiredService<IOptions<LiveChatOptions>>().Value.DefaultVisitorName));
        services.TryAddSingleton(sp => new InProcessIdentity(sp.GetRequiredService<IdentityService>()));
        services.TryAddSingleton<IIdentityPort>(sp => sp.GetRequiredService<InProcessIdentity>());
        services.TryAddBuilt<CrmService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationReactor, TranscriptReactor>());
        return services;
    }
}
