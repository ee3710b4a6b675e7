using LiveChat.Core;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveChat.Storage.Relational;

/// <summary>
/// Registers the durable workspace state on a SQL database in place of the in-memory defaults: workspace settings,
/// published playbooks, playbook runs, due work, and the e-mail outbox with the visitors' addresses (E6). The adapters'
/// <c>UseSqlite</c> and <c>UsePostgreSql</c> call it with their dialect, over the same database as their conversation
/// store; a <c>UseEmailStore</c> called after them puts another outbox in place.
/// </summary>
internal static class RelationalStateRegistration
{
    /// <param name="builder">The SDK's builder.</param>
    /// <param name="dialect">
    /// Makes the dialect once the container is built; it may resolve the adapter's own store first, so that its schema is
    /// in place before <see cref="RelationalStateSchema"/> is applied.
    /// </param>
    public static ILiveChatBuilder UseRelationalState(this ILiveChatBuilder builder, Func<IServiceProvider, StateStoreDialect> dialect)
    {
        var services = builder.Services;
        services.RemoveAll<RelationalStateStores>();
        services.AddSingleton(sp => RelationalStateStores.OpenAsync(dialect(sp), CancellationToken.None).GetAwaiter().GetResult());
        services.Replace(ServiceDescriptor.Singleton<IWorkspaceSettingsStore>(sp => sp.GetRequiredService<RelationalStateStores>().Settings));
        services.Replace(ServiceDescriptor.Singleton<IPlaybookStore>(sp => sp.GetRequiredService<RelationalStateStores>().Playbooks));
        services.Replace(ServiceDescriptor.Singleton<IPlaybookRunStore>(sp => sp.GetRequiredService<RelationalStateStores>().Runs));
        services.Replace(ServiceDescriptor.Singleton<IDueWorkStore>(sp => sp.GetRequiredService<RelationalStateStores>().DueWork));
        services.Replace(ServiceDescriptor.Singleton<IEmailStore>(sp => sp.GetRequiredService<RelationalStateStores>().Emails));
        return builder;
    }
}
