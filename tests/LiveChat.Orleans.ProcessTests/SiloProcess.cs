using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using LiveChat.Core.Testing;

namespace LiveChat.Orleans.ProcessTests;

/// <summary>
/// One LiveChat.Orleans.SiloHost process: commands go to its stdin, and every line it acknowledges on stdout is kept
/// in order. Waits are deadlines on conditions over those lines (<see cref="Eventually"/>), never fixed sleeps.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StringBuilder _errors = new();

    private SiloProcess(string name, Process process, int siloPort)
    {
        Name = name;
        _process = process;
        SiloPort = siloPort;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _lines.Enqueue(line);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int SiloPort { get; }

    /// <summary>The silo's address as the cluster names it, from its READY line.</summary>
    public string Address => Lines.First(l => l.StartsWith("READY ", StringComparison.Ordinal))[6..];

    public bool HasExited => _process.HasExited;

    /// <summary>Every line printed so far, in order.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>What the process wrote on stderr (its logs), for failure messages.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts a silo; <paramref name="primary"/> is the primary silo of localhost clustering (itself when null).</summary>
    public static SiloProcess Start(string name, string postgres, string clusterId, SiloProcess? primary, params string[] extra)
    {
        var siloPort = LoopbackPorts.Free();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "LiveChat.Orleans.SiloHost.dll"), "--postgres", postgres, "--cluster-id", clusterId,
            "--silo-port", $"{siloPort}", "--gateway-port", $"{LoopbackPorts.Free()}", "--primary-port", $"{primary?.SiloPort ?? siloPort}", .. extra,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new SiloProcess(name, Process.Start(start)!, siloPort);
    }

    /// <summary>Sends one command line.</summary>
    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Sends a command and waits until a line starting with <paramref name="ack"/> appears after it.</summary>
    public async Task<string> RunAsync(string command, string ack, TimeSpan? deadline = null)
    {
        var before = _lines.Count;
        await SendAsync(command);
        string? found = null;
        await WaitAsync(lines => (found = lines.Skip(before).FirstOrDefault(l => l.StartsWith(ack, StringComparison.Ordinal)
            || l.StartsWith("ERROR ", StringComparison.Ordinal))) is not null, $"{Name} to answer '{command}' with {ack}", deadline);
        found.Should().StartWith(ack, Errors);
        return found!;
    }

    /// <summary>Waits until the lines printed so far satisfy <paramref name="condition"/>, or the process exits.</summary>
    public Task WaitAsync(Func<IReadOnlyList<string>, bool> condition, string because, TimeSpan? deadline = null)
        => Eventually.HoldsAsync(
            () => condition(Lines) || (_process.HasExited ? throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} while waiting for {because}: {Errors}") : false),
            because, deadline);

    /// <summary>Kills the process with SIGKILL (what <see cref="Process.Kill()"/> sends on Linux) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("exit");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is TimeoutException or IOException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}
