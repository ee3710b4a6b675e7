namespace LiveChat.Orleans;

/// <summary>
/// The cluster's backstop for due work (feature X7): one grain (key 0) whose Orleans reminder runs the core's
/// <see cref="LiveChat.Core.Storage.DueWorkSweep"/> wherever it is active, so an item whose silo died still runs.
/// </summary>
[Alias("livechat.dueWork")]
internal interface IDueWorkGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or keeps) the grain's reminder; every silo calls it once it is active. Idempotent.</summary>
    [Alias("start")]
    Task StartAsync();
}
