using System.Diagnostics;
using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Conversations;
using Microsoft.AspNetCore.SignalR;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Abuse limits (feature W7): a flood gets the typed refusal while another visitor goes on undelayed; oversized, hostile
/// and foreign-origin payloads are refused or stored as inert text, and nothing stored changes on a refusal.
/// </summary>
public sealed class W7_AbuseLimitsTests
{
    [Fact]
    public async Task Post_FloodFarPastTheLimit_TypedRefusalWhileASecondVisitorIsUndelayed()
    {
        await using var server = await ChatServer.StartAsync(web: o =>
        {
            o.PostsPerConnection = 5;
            o.PostsPerIp = 1000;
            o.RateLimitWindow = TimeSpan.FromMinutes(5);
        });
        await using var flooder = await HubClient.VisitorAsync(server);
        await using var quiet = await HubClient.VisitorAsync(server);
        await flooder.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        var quietSession = await quiet.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));

        var flood = Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            try
            {
                await flooder.InvokeAsync<WireMessage>("Post", $"spam {i}", $"s-{i}");
                return "ok";
            }
            catch (HubException e)
            {
                return HubClient.Refusal(e.Message);
            }
        }));
        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            var posted = await quiet.InvokeAsync<WireMessage>("Post", $"genuine question {i}", $"q-{i}");
            await quiet.WaitUntilAsync(v => v.Messages.Any(m => m.Sequence == posted.Sequence), "the quiet visitor's message arrives");
            latencies.Add(clock.Elapsed);
        }

        var results = await flood;
        results.Count(r => r == "ok").Should().Be(5, "the connection's window allows five posts");
        results.Where(r => r != "ok").Should().HaveCount(195).And.OnlyContain(r => r.StartsWith("rate_limited:", StringComparison.Ordinal));
        latencies.Should().OnlyContain(l => l < TimeSpan.FromSeconds(5), "a flood elsewhere never delays this conversation");
        (await server.Engine.Conversations.GetAsync(ChatServer.Acme, ConversationId.Parse(quietSession.State.ConversationId, null))).LastSequence.Should().Be(5);
    }

    [Fact]
    public async Task Post_OversizedHubMessage_ClosesThatConnectionAndStoresNothing()
    {
        await using var server = await ChatServer.StartAsync(web: o => o.MaxMessageBytes = 8 * 1024);
        await using var visitor = await HubClient.VisitorAsync(server);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));

        var act = () => visitor.InvokeAsync<WireMessage>("Post", new string('x', 1024 * 1024), "big");

        await act.Should().ThrowAsync<Exception>();
        (await visitor.Closed.WaitAsync(TimeSpan.FromSeconds(30))).Should().NotBeNull();
        (await server.Engine.Conversations.GetAsync(ChatServer.Acme, ConversationId.Parse(session.State.ConversationId, null))).LastSequence.Should().Be(0);
    }

    [Theory]
    [InlineData("too long")]
    [InlineData("empty")]
    public async Task Post_InvalidText_RefusedAsInvalidAndStoresNothing(string kind)
    {
        await using var server = await ChatServer.StartAsync();
        await using var visitor = await HubClient.VisitorAsync(server);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        var text = kind switch
        {
            "too long" => new string('x', 5000),
            _ => " \r\n ",
        };

        var act = () => visitor.InvokeAsync<WireMessage>("Post", text, "bad");

        (await act.Should().ThrowAsync<Exception>()).Which.Message.Refusal().Should().StartWith("invalid:");
        (await server.Engine.Conversations.GetAsync(ChatServer.Acme, ConversationId.Parse(session.State.ConversationId, null))).LastSequence.Should().Be(0);
    }

    [Fact]
    public async Task Post_LoneSurrogate_NeverStoredAsInvalidUtf16()
    {
        await using var server = await ChatServer.StartAsync();
        await using var visitor = await HubClient.VisitorAsync(server);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));

        try
        {
            await visitor.InvokeAsync<WireMessage>("Post", "broken \uD800 text", "surrogate");
        }
        catch (HubException e)
        {
            HubClient.Refusal(e.Message).Should().StartWith("invalid:");
        }

        var stored = await server.Engine.Conversations.GetMessagesAsync(ChatServer.Acme, ConversationId.Parse(session.State.ConversationId, null));
        stored.Should().OnlyContain(m => !HasLoneSurrogate(m.Text), "the wire carries UTF-8 and the SDK refuses lone surrogates, so none is ever stored");
    }

    [Fact]
    public async Task Post_MarkupScriptAndLineBreaks_StoredAndRelayedAsInertTextExactlyAsWritten()
    {
        await using var server = await ChatServer.StartAsync();
        await server.AgentAsync("alice", "Alice");
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await using var visitor = await HubClient.VisitorAsync(server);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest("<img src=x onerror=alert(1)>"));
        const string hostile = "<script>alert('x')</script>\r\nSet-Cookie: a=b\r\n<b>bold</b> & \"quotes\"";

        var posted = await visitor.InvokeAsync<WireMessage>("Post", hostile, "h-1");
        await alice.InvokeAsync<AgentConversation>("OpenConversation", session.State.ConversationId, 0L);

        await alice.WaitUntilAsync(a => a.Messages.Count > 0, "the catch-up reaches Alice");
        posted.Text.Should().Be(hostile);
        alice.Messages.Should().ContainSingle().Which.Text.Should().Be(hostile, "text travels as a JSON string and is never turned into markup");
        (await server.Engine.Conversations.GetMessagesAsync(ChatServer.Acme, ConversationId.Parse(session.State.ConversationId, null))).Single().Text.Should().Be(hostile);
    }

    [Fact]
    public async Task Connect_OriginNotAllowedOrUnknownKeyOrTokenInTheUrl_Refused()
    {
        await using var server = await ChatServer.StartAsync();

        var foreign = await HubClient.RefusalAsync(() => HubClient.VisitorAsync(server, origin: "https://evil.test"));
        var unknown = await HubClient.RefusalAsync(() => HubClient.VisitorAsync(server, widgetKey: "pk_nobody"));
        var inUrl = await HubClient.RefusalAsync(() => HubClient.VisitorAsync(server, extraQuery: "&access_token=secret"));

        foreign.Should().Contain("forbidden:");
        unknown.Should().Contain("not_found:");
        inUrl.Should().Contain("invalid:");
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
