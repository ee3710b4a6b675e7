using LiveChat.Core.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Conversations;

/// <summary>Conversations (features C1–C9, X2): the host's, the visitor's, the inbox's and the details panel's services.</summary>
internal static class ConversationsRegistration
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
        => services
            .TryAddBuilt<ConversationService>()
            .TryAddBuilt<VisitorService>()
            .TryAddBuilt<InboxService>()
            .TryAddBuilt<ConversationDetailsService>();
}
