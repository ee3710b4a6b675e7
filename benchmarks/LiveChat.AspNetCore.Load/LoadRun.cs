using System.Diagnostics;
using System.Globalization;
using LiveChat.AspNetCore.Wire;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveChat.AspNetCore.Load;

/// <summary>One measurement: connect agents and visitors, measure the idle heap, then every visitor posts and the agents receive.</summary>
internal static class LoadRun
{
    private const int ConversationsPerAgent = 100;

    public static async Task<LoadResult> RunAsync(ServerProcess server, string mode, int conversations, int messagesPerConversation)
    {
        var sdk = mode == "sdk";
        var total = conversations * messagesPerConversation;
        var latencies = new double[total];
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var http = new HttpClient { BaseAddress = server.Url };
        var agentCount = (conversations + ConversationsPerAgent - 1) / ConversationsPerAgent;
        if (sdk)
        {
            (await http.PostAsync(new Uri($"/setup/{agentCount}", UriKind.Relative), null)).EnsureSuccessStatusCode();
        }

        var agents = new List<HubConnection>();
        for (var a = 0; a < agentCount; a++)
        {
            var agent = Connect(server, sdk ? "/livechat/agent" : "/bare", $"agent-{a}");
            agent.On<Delivered>("MessageReceived", m =>
            {
                var latency = Stopwatch.GetElapsedTime(long.Parse(m.Text, CultureInfo.InvariantCulture)).TotalMilliseconds;
                var at = Interlocked.Increment(ref received);
                if (at <= total)
                {
                    latencies[at - 1] = latency;
                }

                if (at == total)
                {
                    done.TrySetResult();
                }
            });
            await agent.StartAsync();
            agents.Add(agent);
        }

        // One visitor before the baseline, for both servers alike: the first connection and the first Start pay one-time costs
        // (JIT, serializer metadata, DI call sites, typed client proxies) that are no connection's memory and would otherwise be
        // spread over the idle visitors measured next.
        var warmUp = await ConnectVisitorAsync(server, sdk);
        var baseline = await MemoryAsync(http);
        var visitors = new (HubConnection Connection, string ConversationId)[conversations];
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                visitors[i] = await ConnectVisitorAsync(server, sdk);
            }
            finally
            {
                gate.Release();
            }
        }));
        var idle = await MemoryAsync(http);

        for (var i = 0; i < conversations; i++)
        {
            var agent = agents[i / ConversationsPerAgent];
            _ = sdk
                ? await agent.InvokeAsync<AgentConversation>("OpenConversation", visitors[i].ConversationId, 0L)
                : await agent.InvokeAsync<object?>("Join", visitors[i].ConversationId);
        }

        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(visitors.Select(async v =>
        {
            for (var k = 0; k < messagesPerConversation; k++)
            {
                var text = Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
                if (sdk)
                {
                    await v.Connection.InvokeAsync<WireMessage>("Post", text, null);
                }
                else
                {
                    await v.Connection.InvokeAsync("Post", v.ConversationId, text);
                }
            }
        }));
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        await Task.WhenAll(visitors.Append(warmUp).Select(v => v.Connection.DisposeAsync().AsTask()).Concat(agents.Select(a => a.DisposeAsync().AsTask())));
        Array.Sort(latencies);
        return new LoadResult(
            mode, conversations, total, latencies[(int)(total * 0.50)], latencies[Math.Min(total - 1, (int)(total * 0.99))],
            total / seconds, (idle - baseline) / (double)conversations);
    }

    /// <summary>A visitor connected and, through the SDK, with its conversation started; the bare relay's visitor only connects.</summary>
    private static async Task<(HubConnection Connection, string ConversationId)> ConnectVisitorAsync(ServerProcess server, bool sdk)
    {
        var visitor = Connect(server, sdk ? $"/livechat/visitor?widget={LoadServer.WidgetKey}" : "/bare", null);
        visitor.On<Delivered>("MessageReceived", _ => { });
        await visitor.StartAsync();
        var id = sdk ? (await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null))).State.ConversationId : Guid.NewGuid().ToString();
        return (visitor, id);
    }

    private static HubConnection Connect(ServerProcess server, string path, string? agent)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Url, path), o =>
            {
                // Straight to the WebSocket (skipNegotiation, as a widget may connect). With a negotiate request first, each .NET client's own
                // HttpClient also keeps that request's connection open, which the server pays for as a second idle connection.
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                if (agent is not null)
                {
                    o.Headers[LoadServer.AgentHeader] = agent;
                }
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(5);
        return connection;
    }

    private static async Task<long> MemoryAsync(HttpClient http)
        => long.Parse(await http.GetStringAsync(new Uri("/memory", UriKind.Relative)), CultureInfo.InvariantCulture);

    private sealed record Delivered(string Text);
}
