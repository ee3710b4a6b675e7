using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveChat.Core.Internal;

/// <summary>
/// Equality of two secrets' hashes in time that does not depend on where they differ (feature X2: the visitor token's
/// stored hash is compared on every visitor call).
/// </summary>
/// <remarks>
/// <see cref="System.Security.Cryptography.CryptographicOperations.FixedTimeEquals"/> gives the same guarantee but is
/// compiled without optimization, one bounds-checked call per byte: comparing a 64-character hex hash (128 bytes) that
/// way cost a visitor post about as much as everything else it does. This compares eight bytes per step, XORs and ORs
/// every word into one accumulator, and has no early exit and no branch on the data: only the lengths, which are public
/// (a SHA-256 hex hash is always 64 characters), decide how many steps run. Thread-safe, allocation-free.
/// </remarks>
internal static class ConstantTime
{
    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> hold the same characters, in time that depends only on their lengths.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool AreEqual(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        var a = MemoryMarshal.AsBytes(left);
        var b = MemoryMarshal.AsBytes(right);
        ulong difference = 0;
        var i = 0;
        for (; i <= a.Length - sizeof(ulong); i += sizeof(ulong))
        {
            difference |= MemoryMarshal.Read<ulong>(a[i..]) ^ MemoryMarshal.Read<ulong>(b[i..]);
        }

        for (; i < a.Length; i++)
        {
            difference |= (uint)(a[i] ^ b[i]);
        }

        return difference == 0;
    }
}
