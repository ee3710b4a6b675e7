namespace LiveChat.Orleans;

/// <summary>
/// The cluster's backstop for due work (feature X7): one grain per partition of the store's due work (key: the partition's
/// index, below <see cref="LiveChatClusterOptions.DueWorkPartitions"/>) whose Orleans reminder runs the core's
/// <see cref="LiveChat.Core.Storage.DueWorkSweep"/> for that slice wherever it is active, so an item whose silo died
/// still runs, and the sweeps spread over the silos.
/// </summary>
[Alias("livechat.dueWork")]
internal interface IDueWorkGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or keeps) the grain's reminder; every silo calls it once it is active. Idempotent.</summary>
    [Alias("start")]
    Task StartAsync();
}
