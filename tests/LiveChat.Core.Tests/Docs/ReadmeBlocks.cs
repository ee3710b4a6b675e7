using System.Runtime.CompilerServices;

namespace LiveChat.Core.Tests.Docs;

/// <summary>Reads a README code block and the test code that runs it, so a test can prove they are the same code.</summary>
internal static class ReadmeBlocks
{
    /// <summary>
    /// The first C# block after the heading <paramref name="section"/> of README.md (the front door) or of
    /// docs/reference.md (the feature-by-feature reference), normalized.
    /// </summary>
    public static string InReadme(string section)
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")) + "\n" + File.ReadAllText(Path.Combine(root, "docs", "reference.md"));
        var heading = readme.IndexOf($"\n{section}\n", StringComparison.Ordinal);
        if (heading < 0)
        {
            throw new InvalidOperationException($"Neither README.md nor docs/reference.md has a section '{section}'.");
        }

        var start = readme.IndexOf("```csharp\n", heading, StringComparison.Ordinal) + "```csharp\n".Length;
        return Normalize(readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)]);
    }

    /// <summary>The lines of <paramref name="sourceFile"/> between <c>// marker:begin</c> and <c>// marker:end</c>, normalized.</summary>
    public static string InSource(string sourceFile, string marker)
    {
        var source = File.ReadAllText(sourceFile);
        var begin = source.IndexOf($"// {marker}:begin", StringComparison.Ordinal);
        var end = source.IndexOf($"// {marker}:end", begin, StringComparison.Ordinal);
        return Normalize(source[(source.IndexOf('\n', begin) + 1)..source.LastIndexOf('\n', end)]);
    }

    private static readonly SemaphoreSlim ConsoleGate = new(1, 1);

    /// <summary>
    /// Runs a README example and returns what it wrote to the console. The console is one global writer and test classes
    /// run in parallel, so examples take turns: none writes into another's capture or restores the wrong writer.
    /// </summary>
    public static async Task<string> CaptureConsoleAsync(Func<Task> example)
    {
        await ConsoleGate.WaitAsync();
        var console = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            await example();
        }
        finally
        {
            Console.SetOut(console);
            ConsoleGate.Release();
        }

        return output.ToString();
    }

    /// <summary>The path of the calling source file.</summary>
    public static string SourceFile([CallerFilePath] string path = "") => path;

    private static string Normalize(string code)
        => string.Join('\n', code.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(SourceFile())!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveChat.Core.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found above the test source.");
    }
}
