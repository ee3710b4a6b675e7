using LiveChat.Core.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveChat.Core.Conversations;

/// <summary>Conversations (features C1–C9, X2): the host's, the visitor's, the inbox's and the details panel's services.</summary>
internal static class ConversationsRegistration
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new ConversationPortRef(sp));
        services.TryAddSingleton(sp => new InProcessConversations(
            sp.GetRequiredService<ConversationService>(), sp.GetRequiredService<VisitorService>(), sp.GetRequiredService<ConversationDetailsService>()));
        services.TryAddSingleton<IConversationPort>(sp => sp.GetRequiredService<InProcessConversations>());
        return services
            .TryAddBuilt<ConversationService>()
            .TryAddBuilt<VisitorService>()
            .TryAddBuilt<InboxService>()
            .TryAddBuilt<ConversationDetailsService>();
    }
}
