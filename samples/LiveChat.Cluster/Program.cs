// LiveChat cluster demo (feature X7): three web servers on 127.0.0.1, each an Orleans silo, over one PostgreSQL database.
// Run: dotnet run --project samples/LiveChat.Cluster            (LIVECHAT_POSTGRES names the database)
//      dotnet run --project samples/LiveChat.Cluster -- --postgres "Host=…;Username=…;Database=…"
//      (also --web-port N: servers on N, N+1, N+2, by default 5081-5083; --silo-port, --gateway-port)
// Open the visitor page on one server and the inbox on another: the visitor on A chats with an agent on B.
using LiveChat.Cluster;
using LiveChat.Web;

ClusterSettings settings;
try
{
    settings = ClusterSettings.FromArgs(args, Environment.GetEnvironmentVariable(ClusterSettings.PostgresVariable));
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var servers = await ClusterDemo.StartAsync(settings);
for (var i = 0; i < servers.Count; i++)
{
    var address = DemoHost.Address(servers[i]);
    Console.WriteLine($"Server {(char)('A' + i)}: visitor page {new Uri(address, "/")}   agent inbox {new Uri(address, "/inbox")}");
}

Console.WriteLine("Store: PostgreSQL (shared by the three servers). Press Ctrl+C to stop.");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// SIGTERM (docker stop, systemd, kill) reaches each server's own lifetime, which starts stopping that server; the demo
// then stops all three and exits, as on Ctrl+C.
foreach (var server in servers)
{
    server.Lifetime.ApplicationStopping.Register(stop.Cancel);
}

await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
await ClusterDemo.StopAsync(servers);
return 0;
