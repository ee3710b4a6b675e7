using BenchmarkDotNet.Running;

namespace LiveChat.Core.Benchmarks;

/// <summary>Entry point: pick benchmarks with <c>--filter</c>, e.g. <c>--filter '*PostMessage*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the chosen benchmarks.</summary>
    /// <returns>0, or 1 when a benchmark failed (a missing server, an exception in a setup), so scripts notice.</returns>
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
        var failed = summaries
            .Where(summary => summary.HasCriticalValidationErrors)
            .Select(summary => $"{summary.Title} (validation errors)")
            .Concat(summaries.SelectMany(summary => summary.Reports).Where(report => !report.Success).Select(report => report.BenchmarkCase.DisplayInfo))
            .ToList();
        foreach (var benchmark in failed)
        {
            Console.Error.WriteLine($"Failed: {benchmark}");
        }

        return failed.Count == 0 ? 0 : 1;
    }
}
