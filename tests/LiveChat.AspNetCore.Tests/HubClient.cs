using System.Collections.Concurrent;
using System.Text.Json;
using LiveChat.AspNetCore.Wire;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveChat.AspNetCore.Tests;

/// <summary>
/// A real SignalR client of one hub that records every frame the server sends it, whatever the method, so a test can
/// assert on all of them. Waits are on conditions with a deadline, never fixed sleeps.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    /// <summary>Every client method either hub ever calls: recorded on both kinds of client, so a frame sent to the wrong one shows.</summary>
    public static readonly string[] Methods = ["MessageReceived", "StateChanged", "FormRequested", "Typing", "ConversationChanged", "Notified"];

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<(string Method, JsonElement Payload)> _frames = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    /// <summary>Completes when the connection closes, with the server's error if it closed it with one.</summary>
    public Task<Exception?> Closed => _closed.Task;

    public IReadOnlyList<(string Method, JsonElement Payload)> Frames => [.. _frames];

    public IReadOnlyList<WireMessage> Messages => Of<WireMessage>("MessageReceived");

    public static Task<HubClient> VisitorAsync(ChatServer server, string widgetKey = ChatServer.AcmeKey, string? credential = null, string? origin = ChatServer.AcmeOrigin, string extraQuery = "")
        => ConnectAsync(new Uri(server.Url, $"/livechat/visitor?widget={Uri.EscapeDataString(widgetKey)}{extraQuery}"), credential, origin is null ? [] : new() { ["Origin"] = origin });

    public static Task<HubClient> AgentAsync(ChatServer server, string workspace, string agent)
        => ConnectAsync(new Uri(server.Url, "/livechat/agent"), null, new() { [TestAgentAuthentication.Header] = $"{workspace}/{agent}" });

    public static Task<HubClient> AgentAsync(ChatServer server, string agent) => AgentAsync(server, ChatServer.Acme.Value, agent);

    /// <summary>
    /// The refusal of a connection the server closes as it opens (an unknown widget key, a page of another origin, a user
    /// who is no agent): the error text the client got.
    /// </summary>
    public static async Task<string> RefusalAsync(Func<Task<HubClient>> connect)
    {
        HubClient client;
        try
        {
            client = await connect();
        }
        catch (Exception e)
        {
            return Refusal(e.Message);
        }

        await using (client)
        {
            var closed = await client._closed.Task.WaitAsync(Deadline);
            return Refusal(closed?.Message ?? "closed without an error");
        }
    }

    /// <summary>
    /// The hub contract's part of a refusal: SignalR's client prefixes a <see cref="Microsoft.AspNetCore.SignalR.HubException"/>'s
    /// text with "An unexpected error occurred invoking 'Method' on the server. HubException: "; what follows is "code: text".
    /// </summary>
    public static string Refusal(string message)
    {
        const string marker = "HubException: ";
        var at = message.LastIndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? message : message[(at + marker.Length)..];
    }

    public IReadOnlyList<T> Of<T>(string method)
        => [.. _frames.Where(f => f.Method == method).Select(f => f.Payload.Deserialize<T>(JsonSerializerOptions.Web)!)];

    public Task<T> InvokeAsync<T>(string method, params object?[] args) => Connection.InvokeCoreAsync<T>(method, args);

    public Task InvokeAsync(string method, params object?[] args) => Connection.InvokeCoreAsync(method, args);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking on every frame, for at most 30 s.</summary>
    public async Task WaitUntilAsync(Func<HubClient, bool> condition, string because)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition(this))
        {
            var left = Deadline - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Waited 30 s for: {because}. Frames: {_frames.Count}.");
            }

            await _changed.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _changed.Dispose();
    }

    private static async Task<HubClient> ConnectAsync(Uri url, string? credential, Dictionary<string, string> headers)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                foreach (var (name, value) in headers)
                {
                    o.Headers[name] = value;
                }

                if (credential is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(credential);
                }
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(10);
        var client = new HubClient(connection);
        connection.Closed += e =>
        {
            client._closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        foreach (var method in Methods)
        {
            connection.On<JsonElement>(method, payload =>
            {
                client._frames.Enqueue((method, payload.Clone()));
                client._changed.Release();
            });
        }

        await connection.StartAsync();
        return client;
    }
}
