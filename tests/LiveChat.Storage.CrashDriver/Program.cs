// Crash-test driver. Usage: LiveChat.Storage.CrashDriver "<sqlite connection string>" <workers>
// Writes through the public API as a host would, from several workers at once, and prints one line per acknowledged
// write (only after the call returned, so only after it committed):
//   CONV <conversation id> <number> <visitor token>
//   MSG <conversation id> <client message id> <sequence>
//   CLAIM <conversation id> <agent id>
// It never stops by itself: the test kills it with SIGKILL in the middle of this.
using LiveChat.Core;
using LiveChat.Core.Agents;
using Microsoft.Extensions.DependencyInjection;

var connectionString = args[0];
var workers = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
await using var services = new ServiceCollection().AddLiveChat().UseSqlite(connectionString).Services.BuildServiceProvider();
var chat = services.GetRequiredService<LiveChatEngine>();
var ws = new WorkspaceId("crash");
var agents = Enumerable.Range(0, 5).Select(i => new AgentId($"agent-{i}")).ToArray();
foreach (var agent in agents)
{
    await chat.Agents.RegisterAsync(ws, new AgentRegistration(agent, agent.Value, AgentService.MaxCapacity));
    await chat.Agents.SetStatusAsync(ws, agent, AgentStatus.Online);
}

var output = Console.Out;
var gate = new Lock();
void Ack(string line)
{
    lock (gate)
    {
        output.WriteLine(line);
        output.Flush();
    }
}

Ack("READY");
await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
{
    for (var round = 0; ; round++)
    {
        var (conversation, token) = await chat.Conversations.StartAsync(ws);
        Ack($"CONV {conversation.Id} {conversation.Number} {token.Value}");
        for (var m = 0; m < 5; m++)
        {
            var clientId = $"m{m}";
            var message = await chat.Visitors.PostAsync(ws, conversation.Id, token, $"message {m}", clientId);
            Ack($"MSG {conversation.Id} {clientId} {message.Sequence}");
        }

        var agent = agents[(worker + round) % agents.Length];
        await chat.Conversations.ClaimAsync(ws, conversation.Id, agent);
        Ack($"CLAIM {conversation.Id} {agent}");
    }
})));
