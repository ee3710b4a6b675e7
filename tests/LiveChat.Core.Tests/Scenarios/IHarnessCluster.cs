namespace LiveChat.Core.Tests.Scenarios;

/// <summary>
/// The engine of a <see cref="LiveChatHarness"/> when it runs on a cluster instead of one service provider: a test
/// project that sets <see cref="LiveChatHarness.Cluster"/> runs the same scenario tests, unchanged, through the same
/// public API on, for example, three Orleans silos (feature X7).
/// </summary>
public interface IHarnessCluster : IAsyncDisposable
{
    /// <summary>The services of the node the harness's engine lives on.</summary>
    IServiceProvider Services { get; }

    /// <summary>Waits until every node is idle (see <see cref="Settle.AllAsync"/>).</summary>
    Task SettleAsync();
}
