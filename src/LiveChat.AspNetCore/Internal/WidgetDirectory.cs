using LiveChat.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace LiveChat.AspNetCore.Internal;

/// <summary>Resolves public widget keys to workspaces and checks the request's origin against the widget's allow-list (features W1, W7).</summary>
internal sealed class WidgetDirectory(IOptions<LiveChatAspNetCoreOptions> options)
{
    /// <summary>The query-string parameter that carries the public widget key on the visitor hub's URL.</summary>
    public const string QueryKey = "widget";

    /// <summary>The workspace of <paramref name="widgetKey"/> for a request from <paramref name="request"/>.</summary>
    /// <exception cref="Microsoft.AspNetCore.SignalR.HubException">Unknown key (not found) or an origin not allowed (forbidden).</exception>
    public WorkspaceId Resolve(string? widgetKey, HttpRequest request)
    {
        if (widgetKey is null || !options.Value.Widgets.TryGetValue(widgetKey, out var widget))
        {
            throw HubErrors.NotFound();
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsSameOrigin(origin, request) && !widget.AllowedOrigins.Any(o => string.Equals(o, origin, StringComparison.OrdinalIgnoreCase)))
        {
            throw HubErrors.Create(LiveChatHubErrors.Forbidden, "This page's origin may not open the chat.");
        }

        return widget.Workspace;
    }

    /// <summary>A page the hub's own host served (the widget on the host's own site) is never another website embedding the key.</summary>
    private static bool IsSameOrigin(string origin, HttpRequest request)
        => request.Host.HasValue && string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);

    /// <summary>The credential in the visitor cookie or the Authorization header; a query-string token is refused, never read.</summary>
    /// <remarks>
    /// The cookie is parsed by a feature of its own, not <c>request.Cookies</c>: that would cache the parsed cookies on the
    /// upgraded request, which lives as long as the WebSocket, for every idle visitor (issue 16).
    /// </remarks>
    /// <exception cref="Microsoft.AspNetCore.SignalR.HubException">The URL carries an access token (invalid).</exception>
    public VisitorCredential? Credential(HttpRequest request)
    {
        if (request.Query.ContainsKey("access_token"))
        {
            throw HubErrors.Create(LiveChatHubErrors.Invalid, "Send the visitor credential in the cookie or the Authorization header, never in the URL.");
        }

        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? VisitorCredential.TryDecode(header["Bearer ".Length..].Trim())
            : VisitorCredential.TryDecode(new RequestCookiesFeature(request.HttpContext.Features).Cookies[options.Value.CookieName]);
    }
}
