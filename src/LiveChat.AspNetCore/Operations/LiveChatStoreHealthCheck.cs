using LiveChat.Core;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveChat.AspNetCore.Operations;

/// <summary>Reports whether the store answers: one cheap read through the agent store port (feature X8).</summary>
internal sealed class LiveChatStoreHealthCheck(IAgentStore store) : IHealthCheck
{
    private static readonly WorkspaceId Probe = new("livechat-health-probe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ListAgentsAsync(Probe, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The LiveChat store answers.");
        }
        catch (Exception e) when (LiveChatException.CategoryOf(e) is LiveChatErrorCategory.Unavailable)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The LiveChat store is unavailable.", e);
        }
    }
}
