using System.Globalization;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Transport;
using LiveChat.Storage.HostDriver;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace LiveChat.Orleans.SiloHost;

/// <summary>
/// The test's control channel: one command a line on stdin, each acknowledged on stdout after its call returned.
/// <list type="bullet">
/// <item><c>setup WS AGENTS CAPACITY</c>: registers agent-00… and the workspace's e-mail sender; <c>SETUP WS</c>.</item>
/// <item><c>register WS AGENT CAPACITY</c>: registers one more agent; <c>REGISTERED WS AGENT</c>.</item>
/// <item><c>online WS AGENT</c> / <c>offline WS AGENT</c>: sets the status here; this silo then sends the agent's
/// heartbeats (or stops), as the agent's connection to this server would; <c>ONLINE WS AGENT</c> / <c>OFFLINE WS AGENT</c>.</item>
/// <item><c>load WS VISITORS AGENT,AGENT…</c>: steady load in that workspace until <c>stop</c> (see <see cref="SteadyLoad"/>); <c>LOADING WS</c>.</item>
/// <item><c>stop</c>: ends every workspace's load and waits for its workers; <c>STOPPED</c>.</item>
/// <item><c>visit WS EMAIL|-</c>: one visitor starts, posts, leaves an address (or not) and asks for a human.</item>
/// <item><c>claim WS CONV AGENT</c>: the agent takes the conversation; <c>CLAIM WS CONV AGENT</c>.</item>
/// <item><c>reply WS CONV AGENT</c>: the agent posts a reply; <c>REPLY WS CONV SEQUENCE</c>.</item>
/// <item><c>get WS CONV</c>: <c>STATE WS CONV STATE AGENT OFFERED-TO OFFER-EXPIRES-UNIX-MS</c> (<c>-</c> for none).</item>
/// <item><c>routers WS…</c>: <c>ROUTER WS SILO</c> for each workspace whose router grain is active somewhere.</item>
/// </list>
/// Every conversation state change committed by this silo is printed as <c>EVT WS CONV VERSION STATE AGENT UNIX-MS</c>.
/// A command that fails prints <c>ERROR command: message</c>.
/// </summary>
internal sealed class ControlChannel(IServiceProvider services) : IAsyncDisposable
{
    private readonly LiveChatEngine _chat = services.GetRequiredService<LiveChatEngine>();
    private readonly Presence _presence = new(services.GetRequiredService<LiveChatEngine>());
    private readonly Dictionary<WorkspaceId, SteadyLoad> _loads = [];

    /// <summary>This silo's address, as the cluster's membership names it.</summary>
    public string SiloAddress => services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    /// <summary>Prints every conversation state change this silo commits until the returned handle is disposed.</summary>
    public IAsyncDisposable ReportEvents()
    {
        var subscription = services.GetRequiredService<ChannelEventHub>().Subscribe();
        var reader = Task.Run(async () =>
        {
            await foreach (var change in subscription.Reader.ReadAllAsync().OfType<ConversationStateChanged>())
            {
                var c = change.Conversation;
                Acknowledgements.Write($"EVT {c.Workspace} {c.Id} {c.Version} {c.State} {Name(c.AssignedAgentId)} {change.OccurredAt.ToUnixTimeMilliseconds()}");
            }
        });
        return new Stop(async () =>
        {
            await subscription.DisposeAsync();
            await reader;
        });
    }

    /// <summary>Runs commands until stdin ends or says <c>exit</c>.</summary>
    public async Task RunAsync(TextReader input)
    {
        while (await input.ReadLineAsync() is { } line && line != "exit")
        {
            try
            {
                await RunAsync(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            catch (Exception ex)
            {
                Acknowledgements.Write($"ERROR {line}: {ex.GetType().Name} {ex.Message.ReplaceLineEndings(" ")}");
            }
        }

    }

    /// <summary>Stops the load and the heartbeats this silo sends.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopLoadAsync();
        await _presence.DisposeAsync();
    }

    private async Task RunAsync(string[] command)
    {
        var ws = command.Length > 1 ? new WorkspaceId(command[1]) : default;
        switch (command[0])
        {
            case "setup":
                await SetUpAsync(ws, Int(command[2]), Int(command[3]));
                Acknowledgements.Write($"SETUP {ws}");
                break;
            case "register":
                await _chat.Agents.RegisterAsync(ws, new AgentRegistration(new AgentId(command[2]), command[2], Int(command[3])));
                Acknowledgements.Write($"REGISTERED {ws} {command[2]}");
                break;
            case "online":
            case "offline":
                await _presence.SetAsync(ws, new AgentId(command[2]), command[0] == "online");
                Acknowledgements.Write($"{command[0].ToUpperInvariant()} {ws} {command[2]}");
                break;
            case "load":
                await StopLoadAsync(ws);
                _loads[ws] = SteadyLoad.Start(_chat, _presence, ws, Int(command[2]), [.. command[3].Split(',').Select(a => new AgentId(a))]);
                Acknowledgements.Write($"LOADING {ws}");
                break;
            case "stop":
                await StopLoadAsync();
                Acknowledgements.Write("STOPPED");
                break;
            case "visit":
                await SteadyLoad.VisitAsync(_chat, ws, command[2] == "-" ? null : command[2], messages: 1);
                break;
            case "claim":
                await _chat.Conversations.ClaimAsync(ws, Conversation(command[2]), new AgentId(command[3]));
                Acknowledgements.Write($"CLAIM {ws} {command[2]} {command[3]}");
                break;
            case "reply":
                var reply = await _chat.Conversations.PostAgentMessageAsync(ws, Conversation(command[2]), new AgentId(command[3]), "Here is your answer.");
                Acknowledgements.Write($"REPLY {ws} {command[2]} {reply.Sequence}");
                break;
            case "get":
                var c = await _chat.Conversations.GetAsync(ws, Conversation(command[2]));
                Acknowledgements.Write($"STATE {ws} {c.Id} {c.State} {Name(c.AssignedAgentId)} {Name(c.Routing?.Offer?.AgentId)} {c.Routing?.Offer?.ExpiresAt.ToUnixTimeMilliseconds()}");
                break;
            case "routers":
                await ReportRoutersAsync(command[1..]);
                break;
            default:
                throw new ArgumentException($"Unknown command '{command[0]}'.");
        }
    }

    private async Task SetUpAsync(WorkspaceId ws, int agents, int capacity)
    {
        await _chat.Email.ConfigureAsync(ws, new EmailSettings
        {
            Sender = EmailAddress.Create("support@acme.example", "ACME Support"),
            WorkspaceName = "ACME",
            ConversationLinkTemplate = "https://example.com/chat/{conversation}",
        });
        for (var i = 0; i < agents; i++)
        {
            var agent = new AgentId($"agent-{i:D2}");
            await _chat.Agents.RegisterAsync(ws, new AgentRegistration(agent, agent.Value, capacity));
        }
    }

    private async Task ReportRoutersAsync(string[] workspaces)
    {
        var management = services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var grains = await management.GetDetailedGrainStatistics();
        foreach (var grain in grains.Where(g => g.GrainId.Type.ToString()!.Contains("router", StringComparison.OrdinalIgnoreCase)))
        {
            var key = grain.GrainId.Key.ToString();
            if (workspaces.Contains(key))
            {
                Acknowledgements.Write($"ROUTER {key} {grain.SiloAddress.ToParsableString()}");
            }
        }

        Acknowledgements.Write("ROUTERS");
    }

    private async Task StopLoadAsync(WorkspaceId? only = null)
    {
        foreach (var ws in _loads.Keys.Where(k => only is null || k == only).ToList())
        {
            await _loads[ws].DisposeAsync();
            _loads.Remove(ws);
        }
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static ConversationId Conversation(string text) => ConversationId.Parse(text, CultureInfo.InvariantCulture);

    private static string Name(AgentId? agent) => agent?.Value ?? "-";

    private sealed class Stop(Func<Task> stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await stop();
    }
}
