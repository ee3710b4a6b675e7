using System.Globalization;
using LiveChat.Core;
using LiveChat.Core.Agents;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Storage.HostDriver;

/// <summary>
/// Writes through the public API on SQLite from several workers until the test kills the process with SIGKILL.
/// Prints <c>CONV id number token</c>, <c>MSG id clientId sequence</c> and <c>CLAIM id agent</c> as each write returns.
/// </summary>
internal static class CrashMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connectionString = args[0];
        var workers = int.Parse(args[1], CultureInfo.InvariantCulture);
        await using var services = new ServiceCollection().AddLiveChat().UseSqlite(connectionString).Services.BuildServiceProvider();
        var chat = services.GetRequiredService<LiveChatEngine>();
        var ws = new WorkspaceId("crash");
        var agents = Enumerable.Range(0, 5).Select(i => new AgentId($"agent-{i}")).ToArray();
        foreach (var agent in agents)
        {
            await chat.Agents.RegisterAsync(ws, new AgentRegistration(agent, agent.Value, AgentService.MaxCapacity));
            await chat.Agents.SetStatusAsync(ws, agent, AgentStatus.Online);
        }

        Acknowledgements.Write("READY");
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (var round = 0; ; round++)
            {
                var (conversation, token) = await chat.Conversations.StartAsync(ws);
                Acknowledgements.Write($"CONV {conversation.Id} {conversation.Number} {token.Value}");
                for (var m = 0; m < 5; m++)
                {
                    var clientId = $"m{m}";
                    var message = await chat.Visitors.PostAsync(ws, conversation.Id, token, $"message {m}", clientId);
                    Acknowledgements.Write($"MSG {conversation.Id} {clientId} {message.Sequence}");
                }

                var agent = agents[(worker + round) % agents.Length];
                await chat.Conversations.ClaimAsync(ws, conversation.Id, agent);
                Acknowledgements.Write($"CLAIM {conversation.Id} {agent}");
            }
        })));
        return 0;
    }
}
