using LiveChat.AspNetCore.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks of LiveChat (feature X8).</summary>
public static class LiveChatHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that the store (in memory, SQLite or PostgreSQL) answers a cheap read: healthy when it does,
    /// <paramref name="failureStatus"/> when it reports itself unavailable. Map it with <c>app.MapHealthChecks("/health")</c>.
    /// </summary>
    /// <param name="builder">The host's health checks.</param>
    /// <param name="name">The check's name. Default <c>livechat-store</c>.</param>
    /// <param name="failureStatus">The status when the store is unavailable. Default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by, such as <c>ready</c>.</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddLiveChat(
        this IHealthChecksBuilder builder, string name = "livechat-store", HealthStatus failureStatus = HealthStatus.Unhealthy, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<LiveChatStoreHealthCheck>(name, failureStatus, tags ?? []);
    }
}
