using LiveChat.AspNetCore.Hubs;
using LiveChat.AspNetCore.Internal;
using LiveChat.AspNetCore.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
    public static RouteGroupBuilder MapLiveChat(this IEndpointRouteBuilder endpoints, string prefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var group = endpoints.MapGroup(prefix);
        group.MapHub<VisitorHub>("/visitor");
        group.MapHub<AgentHub>("/agent");
        group.MapPost("/visitor/session", VisitorSessionEndpoint.HandleAsync);
        return group;
    }
}
