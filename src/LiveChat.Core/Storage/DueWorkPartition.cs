namespace LiveChat.Core.Storage;

/// <summary>
/// One slice of an <see cref="IDueWorkStore"/>'s items, so that several sweeps (X7: one due-work grain per partition,
/// each with its own reminder) share the store's due work without overlap: partition <see cref="Index"/> of
/// <see cref="Count"/> holds the items whose <see cref="DueWork.Generation"/> is <see cref="Index"/> modulo
/// <see cref="Count"/>. Every stored item is in exactly one partition of a given count, and every store computes it the
/// same way (<see cref="IndexOf"/>). The generation is the store's own number for the item's current schedule, so an item
/// scheduled again may move to another partition; what runs it is still decided by
/// <see cref="IDueWorkStore.TryCompleteAsync"/>. <c>default</c> is <see cref="All"/>. Immutable.
/// </summary>
public readonly record struct DueWorkPartition
{
    /// <summary>The count less one, so that <c>default</c> is partition 0 of 1.</summary>
    private readonly int _last;

    /// <summary>Partition <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive, or <paramref name="index"/> is not in [0, <paramref name="count"/>).</exception>
    public DueWorkPartition(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        Index = index;
        _last = count - 1;
    }

    /// <summary>The whole store: partition 0 of 1.</summary>
    public static DueWorkPartition All => new(0, 1);

    /// <summary>This partition's number, from 0.</summary>
    public int Index { get; }

    /// <summary>How many partitions the store is split into; at least 1.</summary>
    public int Count => _last + 1;

    /// <summary>The partition, of <paramref name="count"/>, that holds an item of <paramref name="generation"/>: its remainder, never negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public static int IndexOf(long generation, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var remainder = generation % count;
        return (int)(remainder < 0 ? remainder + count : remainder);
    }

    /// <summary>Whether <paramref name="work"/>, as stored (with its generation), is in this partition.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    public bool Contains(DueWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return IndexOf(work.Generation, Count) == Index;
    }
}
