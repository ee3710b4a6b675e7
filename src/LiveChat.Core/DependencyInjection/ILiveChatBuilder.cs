namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <see cref="LiveChatServiceCollectionExtensions.AddLiveChat"/>; adapter packages add extension methods
/// to it, such as <c>UseSqlite(…)</c>.
/// </summary>
public interface ILiveChatBuilder
{
    /// <summary>The host's services.</summary>
    IServiceCollection Services { get; }
}
