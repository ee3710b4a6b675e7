using System.Globalization;
using System.Runtime.InteropServices;
using LiveChat.AspNetCore.Load;

// The load driver of issue 16: visitor-to-agent delivery over real SignalR clients on 127.0.0.1, through the SDK's hubs and
// through a bare SignalR relay with no SDK behind it, each server in its own process so its memory is its own.
//   dotnet run -c Release --project benchmarks/LiveChat.AspNetCore.Load [-- sizes... ]
// Writes the table to stdout and to benchmarks/results/AspNetCoreLoad.md.
if (args is ["serve", var serverMode])
{
    await LoadServer.RunAsync(serverMode);
    return;
}

var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1, 100, 1000];
const int MessagesPerConversation = 20;
var loadBefore = LoadAverage();
var rows = new List<LoadResult>();
foreach (var size in sizes)
{
    foreach (var mode in new[] { "bare", "sdk" })
    {
        await using var server = await ServerProcess.StartAsync(mode);
        var result = await LoadRun.RunAsync(server, mode, size, MessagesPerConversation);
        Console.WriteLine(result.ToRow());
        rows.Add(result);
    }
}

var report = string.Join('\n',
[
    "# Visitor-to-agent delivery over SignalR (issue 16)",
    "",
    $"`dotnet run -c Release --project benchmarks/LiveChat.AspNetCore.Load -- {string.Join(' ', sizes)}`, {TimeProvider.System.GetUtcNow():yyyy-MM-dd}, " +
    $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; driver and server on one machine; " +
    $"load average (1 min) {loadBefore} before the run and {LoadAverage()} after it.",
    "",
    "Every client connects straight to the WebSocket (skipNegotiation), as a widget may: with a negotiate request first, each .NET client's own HttpClient keeps that request's connection open as well, a second idle connection per visitor that the server pays for until its keep-alive timeout.",
    $"Each conversation has a visitor connection and an agent connection following it (100 conversations per agent connection); every visitor posts {MessagesPerConversation} messages, one after the other, all conversations at once.",
    "Latency is from the visitor's send to the agent's receipt. Memory per idle visitor is the server's managed heap after a full collection (GC.GetTotalMemory(true) in the server process, the same for both servers), with every visitor connected and its conversation started, minus the heap before, divided by the visitors; one warm-up visitor is connected before that baseline, so one-time costs (JIT, serializer metadata, DI call sites) are not counted as any connection's. The SDK server runs on the in-memory store, so its figure includes each conversation's stored data.",
    "`bare` is a SignalR hub that only relays to a group, with no SDK behind it.",
    "",
    LoadResult.Header,
    LoadResult.Rule,
    .. rows.Select(r => r.ToRow()),
    "",
]);
var path = Path.Combine(AppContext.BaseDirectory, "../../../../results/AspNetCoreLoad.md");
File.WriteAllText(path, report);
Console.WriteLine(report);

// The machine's load, which every figure above depends on: the 1-minute load average on Linux, "n/a" elsewhere.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
