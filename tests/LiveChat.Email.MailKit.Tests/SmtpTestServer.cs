using LiveChat.Core.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace LiveChat.Email.MailKit.Tests;

/// <summary>
/// A real SMTP server on 127.0.0.1: Debian's aiosmtpd with its Maildir handler, so every e-mail it accepts lands as one
/// file the test reads back. Each test starts its own on a free port, and may stop and restart it.
/// </summary>
/// <remarks>
/// tests/smtp.sh installs python3-aiosmtpd and exports LIVECHAT_AIOSMTPD; without it the well-known Debian path is used.
/// </remarks>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string _program;
    private Process? _process;

    private SmtpTestServer(string program, int port, string folder)
    {
        _program = program;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    /// <summary>The Maildir the server writes to; received e-mails are in its "new" folder.</summary>
    public string Folder { get; }

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<SmtpTestServer> StartAsync()
    {
        var program = FindProgram();
        var port = LoopbackPorts.Free();
        // aiosmtpd makes the Maildir (tmp, new, cur) only where no folder exists yet: give it a fresh path inside a temporary one.
        var folder = Path.Combine(Directory.CreateTempSubdirectory("livechat-smtp-").FullName, "Maildir");
        var server = new SmtpTestServer(program, port, folder);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and folder, and waits for its greeting.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(_program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Folder })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"{_program} did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var process = _process;
        await Eventually.HoldsAsync(
            () => process.HasExited
                ? throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode} before greeting on 127.0.0.1:{Port}.")
                : GreetsAsync(),
            $"aiosmtpd to greet on 127.0.0.1:{Port}", StartTimeout, TimeSpan.FromMilliseconds(50));
    }

    /// <summary>Stops the server at once, as a crash would; e-mails sent meanwhile are refused.</summary>
    public void Stop()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Every e-mail the server accepted so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Received()
    {
        var inbox = Path.Combine(Folder, "new");
        return Directory.Exists(inbox) ? [.. Directory.GetFiles(inbox).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))] : [];
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static string FindProgram()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("LIVECHAT_AIOSMTPD"), "/usr/bin/aiosmtpd", "/usr/local/bin/aiosmtpd" };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c))
            ?? throw new InvalidOperationException("aiosmtpd was not found: run the tests through tests/run.sh, which installs Debian's python3-aiosmtpd, or install it yourself.");
    }

    private async Task<bool> GreetsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            using var reader = new StreamReader(client.GetStream());
            var greeting = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(2));
            return greeting?.StartsWith("220", StringComparison.Ordinal) == true;
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
