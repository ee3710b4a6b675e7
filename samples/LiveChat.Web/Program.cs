// LiveChat web demo: the visitor widget and the agent inbox on the embedded default, a SQLite file (no server to set up).
// Run: dotnet run --project samples/LiveChat.Web                 (stores in livechat-web.db, listens on 127.0.0.1:5080)
//      dotnet run --project samples/LiveChat.Web -- --in-memory    (nothing is kept; also --urls URL, --language cs)
using LiveChat.Web;

var settings = DemoSettings.FromArgs(args);
await using var app = await DemoHost.StartAsync(settings);
var address = DemoHost.Address(app);
Console.WriteLine(settings.DatabaseFile is null ? "Store: in memory (nothing is kept)" : $"Store: SQLite file {settings.DatabaseFile}");
Console.WriteLine($"Visitor page: {new Uri(address, "/")}");
Console.WriteLine($"Agent inbox:  {new Uri(address, "/inbox")}   (demo sign-in as Alice, Bob or Carla)");
Console.WriteLine("Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
