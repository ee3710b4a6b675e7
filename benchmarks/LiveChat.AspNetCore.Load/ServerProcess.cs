using System.Diagnostics;

namespace LiveChat.AspNetCore.Load;

/// <summary>The server under load, in a child process of this driver: <c>serve bare</c> or <c>serve sdk</c>.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<ServerProcess> StartAsync(string mode)
    {
        var self = Environment.ProcessPath!;
        var info = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
            ? new ProcessStartInfo(self, [typeof(ServerProcess).Assembly.Location, "serve", mode])
            : new ProcessStartInfo(self, ["serve", mode]);
        info.RedirectStandardOutput = true;
        var process = Process.Start(info)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                return new ServerProcess(process, new Uri(line["LISTENING ".Length..]));
            }
        }

        throw new InvalidOperationException($"The {mode} server did not start.");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
