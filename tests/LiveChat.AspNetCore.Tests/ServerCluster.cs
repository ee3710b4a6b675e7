using System.Net;
using LiveChat.Core;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;
using LiveChat.Orleans.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace LiveChat.AspNetCore.Tests;

/// <summary>
/// Web servers that are the silos of one Orleans cluster (feature X7): each a <see cref="ChatServer"/> on Kestrel with
/// <c>UseOrleans</c> and localhost clustering on ports of its own, on a fresh cluster id. They share what a deployment
/// keeps outside its servers (the store, the CRM, the mail outbox); the event hubs, SignalR connections and timers are
/// each server's own, as in production.
/// </summary>
internal sealed class ServerCluster : IAsyncDisposable
{
    private static readonly Type[] Shared =
    [
        typeof(InMemoryLiveChatStore), typeof(InMemoryWorkspaceSettingsStore), typeof(InMemoryPlaybookStore), typeof(InMemoryDueWorkStore),
        typeof(ICrmGateway), typeof(InMemoryEmailStore), typeof(InMemoryEmailTransport),
    ];

    private readonly ServiceProvider _shared;

    private ServerCluster(IReadOnlyList<ChatServer> servers, ServiceProvider shared)
    {
        Servers = servers;
        _shared = shared;
    }

    public IReadOnlyList<ChatServer> Servers { get; }

    public ChatServer this[int index] => Servers[index];

    /// <summary>The store every server shares.</summary>
    public InMemoryLiveChatStore Store => _shared.GetRequiredService<InMemoryLiveChatStore>();

    /// <param name="servers">How many servers.</param>
    /// <param name="core">The engine's options, on every server.</param>
    /// <param name="time">One clock for every server, when given.</param>
    /// <param name="each">More registrations, on every server.</param>
    public static async Task<ServerCluster> StartAsync(int servers = 2, Action<LiveChatOptions>? core = null, TimeProvider? time = null, Action<IServiceCollection>? each = null)
    {
        var collection = new ServiceCollection();
        collection.AddLiveChat();
        var shared = collection.BuildServiceProvider();
        var cluster = $"livechat-{Guid.NewGuid():N}";
        var ports = Enumerable.Range(0, servers).Select(_ => FreePort()).ToArray();
        var started = new List<ChatServer>();
        foreach (var port in ports)
        {
            started.Add(await ChatServer.StartAsync(
                core: core,
                time: time,
                services: s =>
                {
                    foreach (var type in Shared)
                    {
                        s.AddSingleton(type, _ => shared.GetRequiredService(type));
                    }

                    each?.Invoke(s);
                },
                engine: chat => chat.UseOrleans(silo =>
                {
                    silo.UseLocalhostClustering(port, FreePort(), new IPEndPoint(IPAddress.Loopback, ports[0]), "livechat-tests", cluster);
                    TestFailureDetection.Apply(silo);
                })));
        }

        return new ServerCluster(started, shared);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers.Reverse())
        {
            await server.DisposeAsync();
        }

        await _shared.DisposeAsync();
    }

    private static int FreePort() => LoopbackPorts.Free();
}
