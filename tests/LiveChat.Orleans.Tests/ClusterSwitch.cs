using System.Runtime.CompilerServices;
using LiveChat.Core.Tests.Scenarios;

namespace LiveChat.Orleans.Tests;

/// <summary>Runs every scenario harness of this assembly on a fresh 3-silo cluster (feature X7).</summary>
internal static class ClusterSwitch
{
    [ModuleInitializer]
    internal static void RunScenariosOnCluster()
    {
        LiveChatHarness.Cluster = SiloCluster.Start;

        // The property tests block on the engine from CsCheck's threads (GetAwaiter().GetResult()); on a cluster each
        // call hops through the silos' messaging, which needs pool threads of its own, so the pool must not start at
        // one thread per core and grow by one every half second.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
