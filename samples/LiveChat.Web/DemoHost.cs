using System.Security.Claims;
using LiveChat.AspNetCore;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LiveChat.Web;

/// <summary>
/// The web demo (features X4, W3, W4): the visitor page with the widget, the agent inbox behind a demo cookie sign-in,
/// and LiveChat mapped at <c>/livechat</c>, on a SQLite file. Every page is served with a strict Content-Security-Policy:
/// the widget and the inbox need nothing inline.
/// </summary>
internal static class DemoHost
{
    /// <summary>The CORS policy of the LiveChat endpoints: the embedding sites may call them with the visitor's cookie.</summary>
    public const string EmbedPolicy = "livechat-embed";

    /// <summary>
    /// How long Ctrl+C waits for the host to stop before it cuts what is left (open hub connections, background work):
    /// 2 s instead of ASP.NET Core's 30 s, as a demo keeps nothing in flight worth waiting for.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The policy of every page: scripts, styles and connections from this origin only.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static WebApplication Build(DemoSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DemoHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseUrls(settings.Url);
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/login";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        builder.Services.AddAuthorization();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        var chat = builder.Services.AddLiveChat(o =>
            {
                o.BotDisplayName = "Leo (bot)";
                // Seed 001: every eligible agent is alerted until one accepts (feature R5).
                o.Routing.Mode = RoutingMode.Alert;
            })
            .AddAspNetCore(o =>
            {
                // Pages of this host are always allowed; list here the sites that embed the widget.
                var widget = new LiveChatWidget { Workspace = DemoSeed.Workspace };
                foreach (var origin in settings.EmbedOrigins)
                {
                    widget.AllowedOrigins.Add(origin);
                }

                o.Widgets[DemoSettings.WidgetKey] = widget;
            });
        // The same sites may call the session endpoint and the hubs from their pages, with the visitor's cookie; so may the
        // demo's own pages (a browser sends their origin too), by whatever name they reached it.
        HashSet<string> embedders = new(settings.EmbedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IHttpContextAccessor>((o, http) => o.AddPolicy(EmbedPolicy, p => p
            .SetIsOriginAllowed(origin => embedders.Contains(origin) || IsOwnOrigin(http.HttpContext, origin))
            .AllowCredentials().AllowAnyHeader().WithMethods("GET", "POST")));
        if (settings.DatabaseFile is { } file)
        {
            chat.UseSqlite($"Data Source={file}").UseSqliteEmailStore($"Data Source={file}");
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        app.Use((http, next) =>
        {
            http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return next(http);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapLiveChat("/livechat").RequireCors(EmbedPolicy);
        app.MapGet("/login", () => Results.File(Path.Combine(app.Environment.WebRootPath, "login.html"), "text/html; charset=utf-8"));
        app.MapGet("/inbox", () => Results.File(Path.Combine(app.Environment.WebRootPath, "inbox.html"), "text/html; charset=utf-8")).RequireAuthorization();
        // A demo sign-in: pick a seeded agent, no password. The cookie is SameSite=Strict, so another site cannot post here.
        app.MapPost("/account/login", SignInAsync).DisableAntiforgery();
        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync();
            return Results.Redirect("/login");
        }).DisableAntiforgery();
        return app;
    }

    /// <summary>Builds the demo, starts it and seeds the workspace (<see cref="DemoSeed"/>) before returning.</summary>
    /// <remarks>
    /// Seeded after the host started, as a server that is also an Orleans silo (samples/LiveChat.Cluster) can only call
    /// its workspace's router grain once the silo runs.
    /// </remarks>
    public static async Task<WebApplication> StartAsync(DemoSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var app = Build(settings, configure);
        await app.StartAsync();
        await DemoSeed.SeedAsync(app.Services.GetRequiredService<LiveChatEngine>(), settings);
        return app;
    }

    /// <summary>Whether <paramref name="origin"/> is the request's own page's: the scheme and host the request was sent to.</summary>
    private static bool IsOwnOrigin(HttpContext? http, string origin)
        => http is not null && string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase);

    /// <summary>The address Kestrel bound, once started.</summary>
    public static Uri Address(WebApplication app)
        => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task<IResult> SignInAsync(HttpContext http, LiveChatEngine chat)
    {
        var form = await http.Request.ReadFormAsync();
        var id = form["agent"].ToString();
        if (!AgentId.TryParse(id, null, out var agentId))
        {
            return Results.Redirect("/login");
        }

        Agent agent;
        try
        {
            agent = await chat.Agents.GetAsync(DemoSeed.Workspace, agentId);
        }
        catch (AgentNotFoundException)
        {
            return Results.Redirect("/login");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim("livechat:workspace", DemoSeed.Workspace.Value),
                new Claim("livechat:agent", agent.Id.Value),
                new Claim(ClaimTypes.Name, agent.DisplayName),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(new ClaimsPrincipal(identity));
        return Results.Redirect("/inbox");
    }
}
