using LiveChat.AspNetCore.Wire;
using LiveChat.Core;
using LiveChat.Core.Tests.Docs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.AspNetCore.Tests.Docs;

/// <summary>Keeps the README's ASP.NET Core example compiling and working: the code below is the README's block, verbatim.</summary>
public sealed class ReadmeAspNetCoreTests
{
    [Fact]
    public async Task AspNetCoreExample_StartsAConversationOverTheVisitorHub()
    {
        var output = await ReadmeBlocks.CaptureConsoleAsync(async () =>
        {
            // aspnetcore:begin
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.WebHost.UseStaticWebAssets(); // the widget under _content/ in any environment with dotnet run; published apps have it in wwwroot
            builder.Services.AddLiveChat(o => o.BotDisplayName = "Leo")
                .AddAspNetCore(o => o.Widgets["pk_live_acme"] = new LiveChatWidget
                {
                    Workspace = new WorkspaceId("acme"),
                    AllowedOrigins = { "https://www.acme.example" },
                });
            builder.Services.AddHealthChecks().AddLiveChat();
            await using var app = builder.Build();
            app.UseStaticFiles();
            app.MapLiveChat("/livechat");
            app.MapHealthChecks("/health");
            await app.StartAsync();

            // What the widget does in the visitor's browser, here with the .NET SignalR client (Microsoft.AspNetCore.SignalR.Client).
            var visitor = new HubConnectionBuilder().WithUrl($"{app.Urls.First()}/livechat/visitor?widget=pk_live_acme").Build();
            await using (visitor)
            {
                await visitor.StartAsync();
                var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest("Jan"));
                var posted = await visitor.InvokeAsync<WireMessage>("Post", "I need a quote", "msg-1");
                Console.WriteLine($"conversation {session.State.Number} ({session.State.State}), message #{posted.Sequence}");
            }

            await app.StopAsync();
            // aspnetcore:end
        });

        output.Should().Contain("conversation 1 (BotFlow), message #1");
    }

    [Fact]
    public void Readme_AspNetCoreBlock_IsTheCodeThisTestRuns()
        => ReadmeBlocks.InReadme("## Add live chat to an ASP.NET Core app").Should().Be(ReadmeBlocks.InSource(ReadmeBlocks.SourceFile(), "aspnetcore"));
}
