using BenchmarkDotNet.Running;

namespace LiveChat.Core.Benchmarks;

/// <summary>Entry point: pick benchmarks with <c>--filter</c>, e.g. <c>--filter '*PostMessage*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
