using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace LiveChat.AspNetCore.Internal;

/// <summary>
/// Runs around every call of both hubs: a span per call, the visitor rate limits (feature W7) before anything happens,
/// the connection counter, and the mapping of SDK refusals to the contract's error codes (<see cref="HubErrors"/>).
/// </summary>
internal sealed class LiveChatHubFilter(VisitorRateLimits limits, HubMetrics metrics, ILogger<LiveChatHubFilter> logger) : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, LimitedCallAttribute?> Limited = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using var activity = HubMetrics.ActivitySource.HasListeners()
            ? HubMetrics.ActivitySource.StartActivity($"{invocationContext.Hub.GetType().Name}.{invocationContext.HubMethodName}", ActivityKind.Server)
            : null;
        if (Limited.GetOrAdd(invocationContext.HubMethod, m => m.GetCustomAttribute<LimitedCallAttribute>()) is { } limited)
        {
            // From the connection feature (where forwarded-headers middleware writes too), not HttpContext.Connection: that wrapper
            // would be cached on the upgraded request, which lives as long as the WebSocket (issue 16).
            var ip = invocationContext.Context.GetHttpContext()?.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress?.ToString() ?? "unknown";
            if ((limited.Start ? limits.TryStart(ip) : limits.TryPost(VisitorConnection.Of(invocationContext.Context).Posts, ip)) is { } refused)
            {
                metrics.RateLimited(refused);
                Log.RateLimited(logger, refused);
                activity?.SetStatus(ActivityStatusCode.Error, LiveChatHubErrors.RateLimited);
                throw HubErrors.Create(LiveChatHubErrors.RateLimited, $"Too many calls ({refused}); retry after a moment.");
            }
        }

        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not HubException && HubErrors.From(e) is { } refusal)
        {
            activity?.SetStatus(ActivityStatusCode.Error, refusal.Message);
            throw refusal;
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not HubException && HubErrors.From(e) is { } refusal)
        {
            throw refusal;
        }

        metrics.Connected(context.Hub.GetType().Name, 1);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        await next(context, exception).ConfigureAwait(false);
        if (context.Context.Features.Get<VisitorConnection>() is not null || context.Context.Features.Get<LiveChatAgentIdentity?>() is not null)
        {
            metrics.Connected(context.Hub.GetType().Name, -1);
        }
    }
}
