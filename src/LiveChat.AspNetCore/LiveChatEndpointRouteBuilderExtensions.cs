using LiveChat.AspNetCore.Hubs;
using LiveChat.AspNetCore.Internal;
using LiveChat.AspNetCore.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the web transport's endpoints (feature W1).</summary>
public static class LiveChatEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>: the visitor hub at <c>{prefix}/visitor</c>, the agent hub at
    /// <c>{prefix}/agent</c>, and <c>POST {prefix}/visitor/session</c>, which sets a browser visitor's HttpOnly cookie.
    /// Needs <c>AddLiveChat().AddAspNetCore(…)</c>; for agents, the host's authentication middleware
    /// (<c>app.UseAuthentication()</c>) before it.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="prefix">The route prefix, such as <c>/livechat</c>.</param>
    /// <returns>The group of the three endpoints, so you can chain <c>RequireCors</c>, <c>RequireRateLimiting</c> and the like.</returns>
    /// <remarks>
    /// Once the host begins to stop (<see cref="IHostApplicationLifetime.ApplicationStopping"/>), the hubs take no new
    /// connection: a negotiation or a connection request is answered <c>503 Service Unavailable</c> with
    /// <c>Retry-After: 5</c>. SignalR closes the open connections as the host stops; without this refusal a widget that
    /// reconnects at once would open a new connection that nothing closes, and the stop would wait for the whole shutdown
    /// timeout. A client retries and reaches another server or this one after its restart.
    /// </remarks>
    public static RouteGroupBuilder MapLiveChat(this IEndpointRouteBuilder endpoints, string prefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var group = endpoints.MapGroup(prefix);
        var stopping = endpoints.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        group.MapHub<VisitorHub>("/visitor").Add(b => RefuseWhileStopping(b, stopping));
        group.MapHub<AgentHub>("/agent").Add(b => RefuseWhileStopping(b, stopping));
        group.MapPost("/visitor/session", VisitorSessionEndpoint.HandleAsync);
        return group;
    }

    private static void RefuseWhileStopping(EndpointBuilder endpoint, CancellationToken stopping)
    {
        if (endpoint.RequestDelegate is not { } inner)
        {
            return;
        }

        endpoint.RequestDelegate = http =>
        {
            if (!stopping.IsCancellationRequested)
            {
                return inner(http);
            }

            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers[HeaderNames.RetryAfter] = "5";
            return Task.CompletedTask;
        };
    }
}
