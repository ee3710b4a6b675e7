using System.Security.Claims;
using LiveChat.Core;
using LiveChat.Core.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveChat.AspNetCore.Load;

/// <summary>The child process: Kestrel on 127.0.0.1 with the SDK's hubs (<c>sdk</c>) or the bare relay (<c>bare</c>).</summary>
internal static class LoadServer
{
    public const string WidgetKey = "pk_bench";
    public const string AgentHeader = "X-Bench-Agent";
    public static readonly WorkspaceId Workspace = new("bench");

    public static async Task RunAsync(string mode)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (mode == "sdk")
        {
            builder.Services.AddLiveChat().AddAspNetCore(o =>
            {
                o.Widgets[WidgetKey] = new LiveChatWidget { Workspace = Workspace, AllowedOrigins = { "http://localhost" } };
                // One driver on one IP plays every visitor: the per-IP limits would refuse it.
                o.PostsPerConnection = 1_000_000;
                o.PostsPerIp = 1_000_000;
                o.StartsPerIp = 1_000_000;
                o.MaxOpenConversationsPerAgentConnection = 10_000;
            });
        }
        else
        {
            builder.Services.AddSignalR();
        }

        var app = builder.Build();
        // The host's authentication stand-in: the driver names its agent in a header.
        app.Use((context, next) =>
        {
            if (context.Request.Headers[AgentHeader].ToString() is { Length: > 0 } agent)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("livechat:workspace", Workspace.Value), new Claim("livechat:agent", agent)], "bench"));
            }

            return next(context);
        });
        if (mode == "sdk")
        {
            app.MapLiveChat("/livechat");
            app.MapPost("/setup/{agents:int}", async (int agents, LiveChatEngine chat) =>
            {
                for (var i = 0; i < agents; i++)
                {
                    await chat.Agents.RegisterAsync(Workspace, new AgentRegistration(new AgentId($"agent-{i}"), $"Agent {i}", AgentService.MaxCapacity));
                }
            });
        }
        else
        {
            app.MapHub<BareHub>("/bare");
        }

        app.MapGet("/memory", () =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return GC.GetTotalMemory(forceFullCollection: true);
        });
        await app.StartAsync();
        Console.WriteLine($"LISTENING {app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()}");
        await app.WaitForShutdownAsync();
    }
}
