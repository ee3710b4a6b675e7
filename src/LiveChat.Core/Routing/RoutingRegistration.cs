using LiveChat.Core.Agents;
using LiveChat.Core.Flow;
using LiveChat.Core.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveChat.Core.Routing;

/// <summary>
/// Routing and agents (features R1–R8, N1): the router, its port (<see cref="InProcessRouting"/> unless an adapter such as
/// LiveChat.Orleans registered another), its reactor and the agent service.
/// </summary>
internal static class RoutingRegistration
{
    public static IServiceCollection AddRouting(this IServiceCollection services)
    {
        services.TryAddSingleton<IAgentHeartbeats, StoreHeartbeats>();
        services.TryAddSingleton<Router>();
        services.TryAddBuilt<InProcessRouting>();
        services.TryAddSingleton<IRoutingPort>(sp => sp.GetRequiredService<InProcessRouting>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationReactor, RoutingReactor>());
        services.TryAddSingleton<RoutingRecovery>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationReactor, RoutingRecovery>(sp => sp.GetRequiredService<RoutingRecovery>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILiveChatStartTask, RoutingRecovery>(sp => sp.GetRequiredService<RoutingRecovery>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueWorkOwner, RoutingRecovery>(sp => sp.GetRequiredService<RoutingRecovery>()));
        return services.TryAddBuilt<AgentService>();
    }
}
