namespace LiveChat.Orleans;

/// <summary>
/// Options of a LiveChat cluster (feature X7), set with <c>services.Configure&lt;LiveChatClusterOptions&gt;(…)</c>. Every
/// silo of a cluster must use the same values. Not thread-safe while being configured; read-only afterwards.
/// </summary>
public sealed class LiveChatClusterOptions
{
    private int _dueWorkPartitions = 8;

    /// <summary>
    /// How many due-work grains share the durable backstop of the store's due work (offer expiry, presence grace, forms,
    /// unread-reply e-mail): grain <c>i</c> holds its own reminder and sweeps only partition <c>i</c> of this many
    /// (<see cref="LiveChat.Core.Storage.DueWorkPartition"/>), so the sweeps spread over the silos. Default 8; at least 1.
    /// Lowering it leaves the grains above the new count to remove their reminders at their next tick.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int DueWorkPartitions
    {
        get => _dueWorkPartitions;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _dueWorkPartitions = value;
        }
    }
}
