using LiveChat.AspNetCore.Wire;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveChat.AspNetCore.Internal;

/// <summary>
/// <c>POST {prefix}/visitor/session</c>: resumes the conversation of the visitor cookie when it belongs to the widget's
/// workspace and has not ended (200), or starts one and sets the HttpOnly cookie (201). With
/// <see cref="VisitorSessionRequest.ResumeOnly"/> it answers the cookie's conversation even when ended (200), or 204 when
/// there is none, and never starts one: what a widget does on a page load. Answers with the
/// <see cref="VisitorState"/>; the credential itself is only ever in the cookie. Refusals are problem details whose
/// <c>title</c> is a <see cref="LiveChatHubErrors"/> code.
/// </summary>
internal static class VisitorSessionEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, VisitorSessionRequest request, LiveChatEngine engine, WidgetDirectory widgets, VisitorRateLimits limits, IOptions<LiveChatAspNetCoreOptions> options)
    {
        var o = options.Value;
        WorkspaceId workspace;
        try
        {
            workspace = widgets.Resolve(request?.WidgetKey, http.Request);
        }
        catch (HubException refusal)
        {
            return Refused(refusal.Message);
        }

        if (VisitorCredential.TryDecode(http.Request.Cookies[o.CookieName]) is { } presented)
        {
            try
            {
                var view = await engine.Visitors.GetConversationAsync(workspace, presented.ConversationId, presented.Token, http.RequestAborted).ConfigureAwait(false);
                if (request!.ResumeOnly || view.State != ConversationState.Ended)
                {
                    return Results.Ok(WireMapper.Visitor(view));
                }
            }
            catch (ConversationNotFoundException)
            {
                // Another workspace's or a stale cookie: start afresh below, as for a new visitor.
            }
        }

        if (request!.ResumeOnly)
        {
            return Results.NoContent();
        }

        if (limits.TryStart(http.Connection.RemoteIpAddress?.ToString() ?? "unknown") is not null)
        {
            return Refused($"{LiveChatHubErrors.RateLimited}: Too many new conversations; retry after a moment.");
        }

        StartedConversation started;
        try
        {
            started = await engine.Conversations.StartAsync(workspace, new StartConversationRequest { VisitorName = request.VisitorName }, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (HubErrors.From(e) is { } refusal)
        {
            return Refused(refusal.Message);
        }

        http.Response.Cookies.Append(o.CookieName, new VisitorCredential(started.Conversation.Id, started.VisitorToken).Encode(), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = o.CookieSameSite,
            Path = http.Request.PathBase.Add(http.Request.Path).Value is { } path ? path[..path.LastIndexOf("/visitor/", StringComparison.Ordinal)] + "/" : "/",
            MaxAge = o.CookieLifetime,
            IsEssential = true,
        });
        return Results.Json(WireMapper.Visitor(started.Conversation), statusCode: StatusCodes.Status201Created);
    }

    private static IResult Refused(string hubMessage)
    {
        var code = hubMessage[..hubMessage.IndexOf(':', StringComparison.Ordinal)];
        var status = code switch
        {
            LiveChatHubErrors.NotFound => StatusCodes.Status404NotFound,
            LiveChatHubErrors.Forbidden => StatusCodes.Status403Forbidden,
            LiveChatHubErrors.RateLimited => StatusCodes.Status429TooManyRequests,
            LiveChatHubErrors.Unavailable => StatusCodes.Status503ServiceUnavailable,
            LiveChatHubErrors.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return Results.Problem(hubMessage[(code.Length + 1)..].Trim(), statusCode: status, title: code);
    }
}
