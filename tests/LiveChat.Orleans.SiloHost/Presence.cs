using System.Collections.Concurrent;
using LiveChat.Core;
using LiveChat.Core.Agents;

namespace LiveChat.Orleans.SiloHost;

/// <summary>
/// The agents whose connection is to this silo: their status is set here, and this silo sends their heartbeats every
/// second, as their inbox would (feature W5). When the process dies, the heartbeats stop with it.
/// </summary>
internal sealed class Presence : IAsyncDisposable
{
    private readonly LiveChatEngine _chat;
    private readonly ConcurrentDictionary<(WorkspaceId Workspace, AgentId Agent), byte> _connected = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeats;

    public Presence(LiveChatEngine chat)
    {
        _chat = chat;
        _heartbeats = Task.Run(BeatAsync);
    }

    /// <summary>Sets the agent online (and starts their heartbeats here) or offline (and stops them).</summary>
    public async Task SetAsync(WorkspaceId workspace, AgentId agent, bool online)
    {
        if (!online)
        {
            _connected.TryRemove((workspace, agent), out _);
        }

        await _chat.Agents.SetStatusAsync(workspace, agent, online ? AgentStatus.Online : AgentStatus.Offline);
        if (online)
        {
            _connected[(workspace, agent)] = 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _heartbeats.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task BeatAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            foreach (var (workspace, agent) in _connected.Keys)
            {
                await _chat.Agents.HeartbeatAsync(workspace, agent, _stop.Token);
            }
        }
    }
}
