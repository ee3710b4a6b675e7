using System.Collections.Immutable;

namespace LiveChat.Core.Internal;

/// <summary>
/// Element-by-element equality of the immutable lists a record holds (feature X7): a record read back from a store or
/// from another silo holds new arrays, which <see cref="ImmutableArray{T}"/>'s own equality (the same array) calls
/// different. A default list equals an empty one. Thread-safe.
/// </summary>
internal static class ValueLists
{
    /// <summary>Whether both lists hold equal elements in the same order.</summary>
    public static bool Equal<T>(ImmutableArray<T> left, ImmutableArray<T> right)
        => left.IsDefaultOrEmpty || right.IsDefaultOrEmpty
            ? left.IsDefaultOrEmpty && right.IsDefaultOrEmpty
            : left.AsSpan().SequenceEqual(right.AsSpan());
}
