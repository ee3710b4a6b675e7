using System.Net.Http.Json;
using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Testing;
using Microsoft.AspNetCore.SignalR;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Feature X8 with W1: a visitor's credential travels in the HttpOnly cookie or the Authorization header, never in a URL,
/// and no log line of the host, the framework's included at Trace level, ever carries it.
/// </summary>
public sealed class X8_SecretsNeverLoggedTests
{
    [Fact]
    public async Task VisitorCredential_CookieHeaderResumeAndRefusals_NeverInAnyLogLine()
    {
        var logs = new RecordingLogger();
        await using var server = await ChatServer.StartAsync(logs: logs);
        using var http = new HttpClient { BaseAddress = server.Url };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/livechat/visitor/session") { Content = JsonContent.Create(new VisitorSessionRequest(ChatServer.AcmeKey)) };
        request.Headers.Add("Origin", ChatServer.AcmeOrigin);
        using var created = await http.SendAsync(request);
        var cookie = created.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        await using var started = await HubClient.VisitorAsync(server);
        var session = await started.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest("Jan"));
        await started.InvokeAsync<WireMessage>("Post", "Hello", "v-1");

        await using (var resumed = await HubClient.VisitorAsync(server, credential: session.Credential))
        {
            await resumed.InvokeAsync<VisitorState>("Resume", 0L);
            await resumed.InvokeAsync<WireMessage>("Post", "Still here", "v-2");
        }

        await using (var wrongWorkspace = await HubClient.VisitorAsync(server, ChatServer.GlobexKey, session.Credential, "https://globex.test"))
        {
            var act = () => wrongWorkspace.InvokeAsync<VisitorState>("Resume", 0L);
            await act.Should().ThrowAsync<HubException>();
        }

        using var again = new HttpRequestMessage(HttpMethod.Post, "/livechat/visitor/session") { Content = JsonContent.Create(new VisitorSessionRequest(ChatServer.AcmeKey)) };
        again.Headers.Add("Origin", ChatServer.AcmeOrigin);
        again.Headers.Add("Cookie", cookie);
        (await http.SendAsync(again)).EnsureSuccessStatusCode();

        var secrets = new[] { Secret(session.Credential), Secret(cookie["livechat_visitor=".Length..]) };
        logs.Entries.Should().NotBeEmpty("the host logs at Trace level");
        foreach (var (level, message, exception) in logs.Entries)
        {
            foreach (var secret in secrets)
            {
                $"{message}\n{exception}".Should().NotContain(secret, $"a {level} log line must not carry a visitor token");
            }
        }
    }

    /// <summary>The token part of a credential (<c>{conversation id}.{token}</c>): the conversation id alone is no secret.</summary>
    private static string Secret(string credential) => credential[(credential.IndexOf('.', StringComparison.Ordinal) + 1)..];
}
