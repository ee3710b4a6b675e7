using LiveChat.Core;
using LiveChat.Core.Agents;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveChat.AspNetCore.Tests;

/// <summary>
/// A real host on Kestrel at 127.0.0.1 with LiveChat mapped at <c>/livechat</c>: two workspaces, <c>acme</c> (widget key
/// <see cref="AcmeKey"/>) and <c>globex</c> (<see cref="GlobexKey"/>), and the test authentication for agents.
/// </summary>
internal sealed class ChatServer : IAsyncDisposable
{
    public const string AcmeKey = "pk_acme";
    public const string GlobexKey = "pk_globex";
    public const string AcmeOrigin = "https://www.acme.test";
    public static readonly WorkspaceId Acme = new("acme");
    public static readonly WorkspaceId Globex = new("globex");

    private readonly WebApplication _app;

    private ChatServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public IServiceProvider Services => _app.Services;

    public LiveChatEngine Engine => _app.Services.GetRequiredService<LiveChatEngine>();

    public static async Task<ChatServer> StartAsync(
        Action<LiveChatOptions>? core = null,
        Action<LiveChatAspNetCoreOptions>? web = null,
        TimeProvider? time = null,
        string? sqlite = null,
        ILogger? logs = null,
        Action<IServiceCollection>? services = null,
        Action<ILiveChatBuilder>? engine = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            // Every category at every level, the framework's included: what a host with verbose logging would write.
            builder.Logging.AddProvider(new OneLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        // Timers on a fake clock must not disconnect clients: SignalR's own keep-alive stays out of the way.
        builder.Services.AddSignalR(o => o.ClientTimeoutInterval = TimeSpan.FromDays(3));
        builder.Services.AddAuthentication(TestAgentAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestAgentAuthentication>(TestAgentAuthentication.SchemeName, null);
        var chat = builder.Services.AddLiveChat(o =>
            {
                o.BotDisplayName = "Leo";
                core?.Invoke(o);
            })
            .AddAspNetCore(o =>
            {
                o.Widgets[AcmeKey] = new LiveChatWidget { Workspace = Acme, AllowedOrigins = { AcmeOrigin } };
                o.Widgets[GlobexKey] = new LiveChatWidget { Workspace = Globex, AllowedOrigins = { "https://globex.test" } };
                web?.Invoke(o);
            });
        if (sqlite is not null)
        {
            chat.UseSqlite(sqlite);
        }

        engine?.Invoke(chat);

        builder.Services.AddHealthChecks().AddLiveChat();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.MapLiveChat("/livechat");
        app.MapHealthChecks("/health");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ChatServer(app, new Uri(address));
    }

    /// <summary>Registers an agent in <paramref name="workspace"/> (by default acme).</summary>
    public async Task<AgentId> AgentAsync(string id, string name, WorkspaceId? workspace = null, int capacity = 5)
    {
        var agentId = new AgentId(id);
        await Engine.Agents.RegisterAsync(workspace ?? Acme, new AgentRegistration(agentId, name, capacity));
        return agentId;
    }

    /// <summary>Stops the host as Ctrl+C does; <see cref="DisposeAsync"/> after it only cleans up.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class OneLoggerProvider(ILogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
