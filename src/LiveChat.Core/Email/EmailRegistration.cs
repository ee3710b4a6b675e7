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

        // Resolved through the container so that it is disposed with it: its reply windows are timers.
        services.TryAddSingleton(sp => sp.GetRequiredService<EmailService>().Replies);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationReactor, ReplyMailReactor>());
        return services;
    }
}
