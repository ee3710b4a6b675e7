using LiveChat.Core.Flow;
using LiveChat.Core.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveChat.Core.Email;

/// <summary>E-mail (features E1–E6): the embedded outbox and transport, the dispatcher, the service and the reply mailer's reactor.</summary>
internal static class EmailRegistration
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.TryAddSingleton<InMemoryEmailStore>();
        services.TryAddSingleton<IEmailStore>(sp => sp.GetRequiredService<InMemoryEmailStore>());
        services.TryAddSingleton<InMemoryEmailTransport>();
        services.TryAddSingleton<IEmailTransport>(sp => sp.GetRequiredService<InMemoryEmailTransport>());
        services.TryAddSingleton<EmailDispatcher>();
        services.TryAddSingleton<EmailTemplateCatalog>();
        services.TryAddBuilt<EmailService>();

        // Its reply windows are due work: a window a stopped process left open is re-armed at start.
        services.TryAddSingleton(sp => sp.GetRequiredService<EmailService>().Replies);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILiveChatStartTask, ReplyNotifier>(sp => sp.GetRequiredService<ReplyNotifier>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueWorkOwner, ReplyNotifier>(sp => sp.GetRequiredService<ReplyNotifier>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationReactor, ReplyMailReactor>());
        return services;
    }
}
