using System.Diagnostics;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>
/// The README's first command, <c>dotnet run --project samples/LiveChat.Demo</c>, on its SQLite file: "run it twice and
/// the second run shows the first run's conversation and continues the numbering". An outside check found the second
/// run crashing (the playbook the first run published is stored, and publishing its version again is refused).
/// </summary>
public sealed class ReadmeDemoTests
{
    [Fact]
    public async Task TheDemo_RunTwiceOverOneFile_EndsCleanlyBothTimes_AndTheSecondRunContinuesTheNumbering()
    {
        var directory = Directory.CreateTempSubdirectory("livechat-demo-");
        try
        {
            var first = await RunDemoAsync(directory.FullName);
            var second = await RunDemoAsync(directory.FullName);

            Ended(first).Should().Equal("#2", "#1");
            Ended(second).Should().Equal("#4", "#3", "#2", "#1");
            first.Should().Contain(l => l.StartsWith("   published 'website' v1", StringComparison.Ordinal));
            second.Should().Contain(l => l.Contains("is already published in this store", StringComparison.Ordinal));
            second.Should().Contain("   conversation #3, state BotFlow", "the steps before the playbook's stay without a bot greeting on every run");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string[] Ended(List<string> output)
        => output.Single(l => l.StartsWith("Ended conversations in this store: ", StringComparison.Ordinal))["Ended conversations in this store: ".Length..].Split(", ");

    private static async Task<List<string>> RunDemoAsync(string workingDirectory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory, // the demo keeps livechat-demo.db in its working directory
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LiveChat.Demo.dll"));
        using var demo = Process.Start(start)!;
        var output = demo.StandardOutput.ReadToEndAsync();
        var errors = demo.StandardError.ReadToEndAsync();

        // A hang check, not a timing: the demo runs in a few seconds.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await demo.WaitForExitAsync(deadline.Token);
        demo.ExitCode.Should().Be(0, $"the demo ends cleanly: {await errors}");
        return [.. (await output).Split('\n').Select(l => l.TrimEnd('\r'))];
    }
}
