using System.Diagnostics;
using System.Globalization;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>
/// A host process writing through the SDK is killed with SIGKILL mid-run. Every write it saw acknowledged must be there
/// exactly once, nothing may be half-written, and a restarted host carries on without duplicates.
/// </summary>
public sealed class CrashTests
{
    private static readonly WorkspaceId Crash = new("crash");

    [Fact]
    public async Task HostKilledMidRun_KeepsEveryAcknowledgedWrite_ExactlyOnce_AndRestartsCleanly()
    {
        using var database = new TempDatabase();
        var acks = await RunDriverUntilKilledAsync(database, acknowledgedMessages: 400);

        SqliteConnection.ClearAllPools();
        await using (var store = SqliteLiveChatStore.Open(database.ConnectionString))
        {
            foreach (var (id, clientId, sequence) in acks.Messages)
            {
                var stored = await store.FindByClientMessageIdAsync(Crash, id, clientId);
                stored.Should().NotBeNull($"message {clientId} of {id} was acknowledged");
                stored!.Sequence.Should().Be(sequence);
            }

            foreach (var (id, agent) in acks.Claims)
            {
                (await store.FindConversationAsync(Crash, id))!.AssignedAgentId!.Value.Value.Should().Be(agent);
            }
        }

        AssertNothingHalfWritten(database);

        // The host restarts and retries every message of every conversation it knew of: each lands exactly once.
        await using (var services = new ServiceCollection().AddLiveChat().UseSqlite(database.ConnectionString).Services.BuildServiceProvider())
        {
            var chat = services.GetRequiredService<LiveChatEngine>();
            foreach (var (id, (_, token)) in acks.Conversations)
            {
                for (var m = 0; m < 5; m++)
                {
                    await chat.Visitors.PostAsync(Crash, id, token, $"message {m}", $"m{m}");
                }

                var messages = await chat.Conversations.GetMessagesAsync(Crash, id, limit: 1000);
                messages.Where(x => x.ClientMessageId is not null).Select(x => x.ClientMessageId).Should().BeEquivalentTo(["m0", "m1", "m2", "m3", "m4"]);
            }

            var maxNumber = (long)database.Scalar("SELECT MAX(number) FROM conversations")!;
            (await chat.Conversations.StartAsync(Crash)).Conversation.Number.Should().Be(maxNumber + 1);
        }

        AssertNothingHalfWritten(database);
    }

    private static void AssertNothingHalfWritten(TempDatabase database)
    {
        SqliteConnection.ClearAllPools();
        var count = (long)database.Scalar("SELECT COUNT(*) FROM conversations")!;
        database.Scalar("SELECT COUNT(DISTINCT number) FROM conversations").Should().Be(count, "numbers are unique");
        database.Scalar("SELECT MAX(number) FROM conversations").Should().Be(count, "numbers have no gaps");
        database.Scalar("""
            SELECT COUNT(*) FROM conversations c
            WHERE c.last_sequence <> (SELECT COUNT(*) FROM messages m WHERE m.workspace = c.workspace AND m.conversation_id = c.id)
               OR c.last_sequence <> IFNULL((SELECT MAX(sequence) FROM messages m WHERE m.workspace = c.workspace AND m.conversation_id = c.id), 0)
            """).Should().Be(0L, "every conversation's messages are exactly 1..last_sequence");
        database.Scalar("""
            SELECT COUNT(*) FROM agents a
            WHERE a.open_conversations <> (SELECT COUNT(*) FROM conversations c WHERE c.workspace = a.workspace AND c.assigned_agent = a.id AND c.state = 2)
            """).Should().Be(0L, "each agent's load matches the conversations they own");
        database.Scalar("PRAGMA integrity_check").Should().Be("ok");
    }

    private static async Task<Acks> RunDriverUntilKilledAsync(TempDatabase database, int acknowledgedMessages)
    {
        var driver = Path.Combine(AppContext.BaseDirectory, "LiveChat.Storage.HostDriver.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(driver);
        start.ArgumentList.Add("crash");
        start.ArgumentList.Add(database.ConnectionString);
        start.ArgumentList.Add("8");
        using var process = Process.Start(start)!;
        var acks = new Acks();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            while (acks.Messages.Count < acknowledgedMessages)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"The driver exited early: {await process.StandardError.ReadToEndAsync()}");
                acks.Add(line);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no flush, no dispose in the driver
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return acks;
    }

    private sealed class Acks
    {
        public Dictionary<ConversationId, (long Number, VisitorToken Token)> Conversations { get; } = [];

        public List<(ConversationId Id, string ClientId, long Sequence)> Messages { get; } = [];

        public Dictionary<ConversationId, string> Claims { get; } = [];

        public void Add(string line)
        {
            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "CONV":
                    Conversations[ConversationId.Parse(parts[1], CultureInfo.InvariantCulture)] = (long.Parse(parts[2], CultureInfo.InvariantCulture), new VisitorToken(parts[3]));
                    break;
                case "MSG":
                    Messages.Add((ConversationId.Parse(parts[1], CultureInfo.InvariantCulture), parts[2], long.Parse(parts[3], CultureInfo.InvariantCulture)));
                    break;
                case "CLAIM":
                    Claims[ConversationId.Parse(parts[1], CultureInfo.InvariantCulture)] = parts[2];
                    break;
            }
        }
    }
}
