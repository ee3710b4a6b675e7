using LiveChat.Core.Flow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveChat.Core.Transport;

/// <summary>The event fan-out (feature N2): the in-process hub as a publisher, and the reactor that feeds every publisher.</summary>
internal static class EventHubRegistration
{
    public static IServiceCollection AddEventHub(this IServiceCollection services)
    {
        services.TryAddSingleton<ChannelEventHub>();
        services.TryAddSingleton<ILiveChatEventSource>(sp => sp.GetRequiredService<ChannelEventHub>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILiveChatEventPublisher, ChannelEventHub>(sp => sp.GetRequiredService<ChannelEventHub>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationReactor, PublishersReactor>());
        return services;
    }
}
