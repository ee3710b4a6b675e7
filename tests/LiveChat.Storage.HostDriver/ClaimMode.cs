using System.Globalization;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Storage.HostDriver;

/// <summary>
/// One node of the two-node test on PostgreSQL. Its workers race the other node's for the same waiting conversations:
/// each takes a random one of the oldest 100 waiting (the largest page) (so workers collide often, but not always) for a random agent, keeps
/// up to N open and ends the oldest to free capacity, until nothing waits. Prints <c>CLAIM id agent</c> for every claim that succeeded and <c>DONE</c>.
/// </summary>
/// <remarks>
/// Holding conversations makes the workers want more than the agents' total capacity, so claims keep running into full
/// agents: the capacity check, not luck, is what keeps every agent at or under its limit.
/// </remarks>
internal static class ClaimMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connectionString = args[0];
        var ws = new WorkspaceId(args[1]);
        var workers = int.Parse(args[2], CultureInfo.InvariantCulture);
        var held = int.Parse(args[3], CultureInfo.InvariantCulture);
        // Agents claim by hand here: the race under test is between claims on two nodes, not the router.
        await using var services = new ServiceCollection()
            .AddLiveChat(o => o.Routing.Strategy = RoutingStrategy.Manual)
            .UsePostgreSql(connectionString).Services.BuildServiceProvider();
        var chat = services.GetRequiredService<LiveChatEngine>();
        var agents = (await chat.Agents.ListAsync(ws)).Select(a => a.Id).ToArray();

        // The agents' clients stay alive while they work: a heartbeat for each every 20 s, as a real agent UI sends them.
        using var stop = new CancellationTokenSource();
        var heartbeats = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
            do
            {
                foreach (var agent in agents)
                {
                    await chat.Agents.HeartbeatAsync(ws, agent, stop.Token);
                }
            }
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
        });

        Acknowledgements.Write("READY");
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() => WorkAsync(chat, ws, agents, held, worker))));
        await stop.CancelAsync();
        await heartbeats.ContinueWith(_ => { }, TaskScheduler.Default);
        Acknowledgements.Write("DONE");
        return 0;
    }

    private static async Task WorkAsync(LiveChatEngine chat, WorkspaceId ws, AgentId[] agents, int held, int worker)
    {
        var random = new Random(HashCode.Combine(Environment.ProcessId, worker));
        var open = new Queue<(ConversationId Id, AgentId Agent)>();
        while (true)
        {
            var waiting = await chat.Inbox.ListAsync(ws, agents[0], InboxFolder.Unassigned, pageSize: 100);
            if (waiting.Items.Count == 0)
            {
                break;
            }

            var target = waiting.Items[random.Next(waiting.Items.Count)];
            var agent = agents[random.Next(agents.Length)];
            try
            {
                await chat.Conversations.ClaimAsync(ws, target.Id, agent);
                Acknowledgements.Write($"CLAIM {target.Id} {agent}");
                open.Enqueue((target.Id, agent));
            }
            catch (Exception ex) when (ex is ConversationAlreadyClaimedException or AgentCapacityExceededException or ConversationEndedException)
            {
                // The other node (or a worker of this one) was faster, or the agent is full: pick again.
            }

            if (open.Count >= held || (open.Count > 0 && random.Next(4) == 0))
            {
                await EndAsync(chat, ws, open.Dequeue());
            }
        }

        while (open.TryDequeue(out var last))
        {
            await EndAsync(chat, ws, last);
        }
    }

    private static async Task EndAsync(LiveChatEngine chat, WorkspaceId ws, (ConversationId Id, AgentId Agent) owned)
    {
        try
        {
            await chat.Conversations.EndAsync(ws, owned.Id, owned.Agent);
        }
        catch (ConversationEndedException)
        {
            // A claim by the agent who already owns a conversation succeeds without change, so two workers acting for
            // the same agent can both hold it; whichever ends it second finds it ended. Still one owner.
        }
    }
}
