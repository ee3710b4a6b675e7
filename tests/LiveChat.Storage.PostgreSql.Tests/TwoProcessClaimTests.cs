using System.Diagnostics;
using System.Globalization;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>
/// Two host processes share one database and race for the same 10,000 waiting conversations, for 50 agents of capacity
/// 5. Every conversation must end up with exactly one owner, and no agent may ever hold more than 5 at once.
/// </summary>
public sealed class TwoProcessClaimTests(ITestOutputHelper output)
{
    private const int Conversations = 10_000;
    private const int Agents = 50;
    private const int Capacity = 5;
    private static readonly WorkspaceId Ws = new("two-nodes");

    [Fact]
    public async Task TwoProcesses_Claiming10000Conversations_GiveEachExactlyOneOwner_AndNoAgentEverExceedsCapacity()
    {
        await using var database = await TempDatabase.CreateAsync();
        // Manual claims only: the nodes race each other's claims; this process must not route the backlog itself.
        await using var services = new ServiceCollection()
            .AddLiveChat(o => o.Routing.Strategy = RoutingStrategy.Manual)
            .UsePostgreSql(database.ConnectionString).Services.BuildServiceProvider();
        var chat = services.GetRequiredService<LiveChatEngine>();
        var clock = Stopwatch.StartNew();

        // Nobody is online yet, so every request goes to the offline flow: waiting in the Unassigned folder for a claim.
        await Concurrently.RunAsync(8, async worker =>
        {
            for (var i = worker; i < Conversations; i += 8)
            {
                var (conversation, _) = await chat.Conversations.StartAsync(Ws);
                await chat.Conversations.RequestAgentAsync(Ws, conversation.Id);
            }
        });
        for (var i = 0; i < Agents; i++)
        {
            var agent = new AgentId($"agent-{i:D2}");
            await chat.Agents.RegisterAsync(Ws, new AgentRegistration(agent, agent.Value, Capacity));
            await chat.Agents.SetStatusAsync(Ws, agent, AgentStatus.Online);
        }

        output.WriteLine($"{Conversations} waiting conversations created in {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();

        // Every change of an agent's load is recorded as it happens, so "ever" is checked exactly, not by sampling.
        await database.ExecuteAsync("""
            CREATE TABLE load_high_water (agent text PRIMARY KEY, most integer NOT NULL);
            CREATE FUNCTION record_load() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO load_high_water VALUES (NEW.id, NEW.open_conversations)
                ON CONFLICT (agent) DO UPDATE SET most = GREATEST(load_high_water.most, EXCLUDED.most);
                RETURN NEW;
            END $$;
            CREATE TRIGGER record_load AFTER UPDATE OF open_conversations ON agents FOR EACH ROW EXECUTE FUNCTION record_load();
            """);

        var nodes = await Task.WhenAll(RunNodeAsync(database), RunNodeAsync(database));

        output.WriteLine($"two nodes claimed and ended {Conversations} conversations in {clock.Elapsed.TotalSeconds:0.0} s");

        // A claim by the agent who already owns the conversation succeeds without change, so one conversation may show
        // several successful claims; they must all name the same agent: one owner.
        var claims = nodes.SelectMany(n => n).ToList();
        var owners = claims.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.Select(c => c.Agent).Distinct().ToList());
        owners.Where(o => o.Value.Count != 1).Should().BeEmpty("every conversation has exactly one owner");
        owners.Should().HaveCount(Conversations, "every conversation was claimed");
        nodes.Should().OnlyContain(n => n.Count > 0, "both nodes won claims");
        foreach (var id in owners.Keys.Take(500))
        {
            var stored = await chat.Conversations.GetAsync(Ws, id);
            stored.State.Should().Be(ConversationState.Ended);
            stored.AssignedAgentId!.Value.Value.Should().Be(owners[id].Single(), "the stored owner is the one whose claim succeeded");
        }

        (await database.ScalarAsync($"SELECT COUNT(*) FROM conversations WHERE workspace = '{Ws}' AND state <> {(int)ConversationState.Ended}")).Should().Be(0L);
        (await database.ScalarAsync($"SELECT MAX(number) FROM conversations WHERE workspace = '{Ws}'")).Should().Be((long)Conversations);
        (await database.ScalarAsync($"SELECT COUNT(DISTINCT number) FROM conversations WHERE workspace = '{Ws}'")).Should().Be((long)Conversations);
        (await database.ScalarAsync("SELECT MAX(open_conversations) FROM agents")).Should().Be(0, "every claimed conversation was ended");
        (await database.ScalarAsync("SELECT MAX(most) FROM load_high_water")).Should().Be(Capacity, "agents were filled to capacity, and never beyond");
    }

    private static async Task<List<(ConversationId Id, string Agent)>> RunNodeAsync(TempDatabase database)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "LiveChat.Storage.HostDriver.dll"), "claim", database.ConnectionString, Ws.Value, "8", "16" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var claims = new List<(ConversationId, string)>();
        var done = false;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ');
            if (parts[0] == "CLAIM")
            {
                claims.Add((ConversationId.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]));
            }

            done |= parts[0] == "DONE";
        }

        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await errors);
        done.Should().BeTrue();
        return claims;
    }
}
