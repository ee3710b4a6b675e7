using System.Diagnostics;
using System.Net;
using LiveChat.Core.Testing;
using LiveChat.Storage.PostgreSql.Tests;

namespace LiveChat.Orleans.ProcessTests;

/// <summary>
/// The cluster demo (samples/LiveChat.Cluster, feature X7) starts three servers, each one answers, and SIGTERM (what
/// docker stop, systemd and kill send) stops the whole process, as Ctrl+C does.
/// </summary>
public sealed class X7_ClusterDemoTests
{
    [PostgresFact]
    public async Task ClusterDemo_Starts_EachOfItsThreeServersServesTheVisitorPageWidgetAndSignIn_AndSigTermStopsIt()
    {
        await using var database = await TempDatabase.CreateAsync();
        var silo = LoopbackPorts.Consecutive(3);
        var gateway = LoopbackPorts.Consecutive(3, silo + 3);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "LiveChat.Cluster.dll"), "--postgres", database.ConnectionString,
            "--web-port", "0", "--silo-port", $"{silo}", "--gateway-port", $"{gateway}"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var demo = Process.Start(start)!;
        var lines = new List<string>();
        demo.OutputDataReceived += (_, e) =>
        {
            lock (lines)
            {
                lines.Add(e.Data ?? string.Empty);
            }
        };
        var errors = new System.Text.StringBuilder();
        demo.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();
        try
        {
            await Eventually.HoldsAsync(
                () => Snapshot(lines).Any(l => l.StartsWith("Store:", StringComparison.Ordinal)) || (demo.HasExited ? throw new InvalidOperationException($"the demo exited: {errors}") : false),
                "the cluster demo to print its three servers", ClusterRun.StartDeadline);
            var servers = Snapshot(lines).Where(l => l.StartsWith("Server ", StringComparison.Ordinal))
                .Select(l => new Uri(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4])).ToList();
            servers.Should().HaveCount(3).And.OnlyHaveUniqueItems();

            using var http = new HttpClient();
            foreach (var server in servers)
            {
                foreach (var path in new[] { "/", "/_content/LiveChat.AspNetCore/livechat-widget.js", "/login" })
                {
                    using var response = await http.GetAsync(new Uri(server, path));
                    response.StatusCode.Should().Be(HttpStatusCode.OK, $"{server} serves {path}");
                }
            }

            using (var term = Process.Start("kill", ["-TERM", $"{demo.Id}"]))
            {
                await term.WaitForExitAsync();
            }

            // A hang check, not a timing: a demo that ignores SIGTERM never exits (it did, until each server's stopping
            // lifetime also stopped the demo).
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await demo.WaitForExitAsync(deadline.Token);
            demo.ExitCode.Should().Be(0, $"SIGTERM stops the demo cleanly: {Snapshot(lines).LastOrDefault()} {errors}");
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
                await demo.WaitForExitAsync();
            }
        }
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }
}
