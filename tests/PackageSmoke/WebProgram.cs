// Built by tests/run.sh in a fresh web app (`dotnet new web`) that references only the packed LiveChat.AspNetCore
// package from a local folder feed, to prove a host gets the hubs and the widget's static web assets from the package
// alone. It follows the README's calls, starts on a free port of 127.0.0.1, fetches the widget's files under _content/
// and negotiates a visitor connection, and exits non-zero when any of them fails. tests/run.sh runs it twice: with
// `dotnet run` (the files come from the package through the static web assets manifest) and published (the files are
// copied to wwwroot/_content, as a host deploys them).
using LiveChat.AspNetCore;
using LiveChat.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

await using var app = Build();
await app.StartAsync();
var failures = new List<string>();
using (var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) })
{
    foreach (var file in new[] { "livechat-widget.js", "livechat-widget.css", "livechat-widget-texts.js", "lib/signalr.min.js" })
    {
        using var response = await http.GetAsync($"/_content/LiveChat.AspNetCore/{file}");
        if (!response.IsSuccessStatusCode || (await response.Content.ReadAsByteArrayAsync()).Length == 0)
        {
            failures.Add($"GET /_content/LiveChat.AspNetCore/{file} answered {(int)response.StatusCode}");
        }
    }

    using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/livechat/visitor/negotiate?negotiateVersion=1&widget=pk_smoke");
    negotiate.Headers.Add("Origin", "https://www.smoke.example");
    using var negotiated = await http.SendAsync(negotiate);
    if (!negotiated.IsSuccessStatusCode)
    {
        failures.Add($"POST /livechat/visitor/negotiate answered {(int)negotiated.StatusCode}");
    }
}

await app.StopAsync();
failures.ForEach(f => Console.WriteLine($"  {f}"));
Console.WriteLine(failures.Count == 0 ? "web package smoke test: passed" : "web package smoke test: FAILED");
return failures.Count == 0 ? 0 : 1;

static WebApplication Build()
{
    var builder = WebApplication.CreateBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.WebHost.UseStaticWebAssets();
    builder.Services.AddLiveChat()
        .AddAspNetCore(o => o.Widgets["pk_smoke"] = new LiveChatWidget
        {
            Workspace = new WorkspaceId("smoke"),
            AllowedOrigins = { "https://www.smoke.example" },
        });
    var app = builder.Build();
    app.UseStaticFiles();
    app.MapLiveChat("/livechat");
    return app;
}
